"""The settings the README tells a municipality to use in production, for tests that run the
app exactly that way (issue 19: pre-rendering and the export broke only under these)."""

HOST = "tiltak.example.no"
PUBLIC_URL = f"https://{HOST}"
ENV = {
    "TILTAKSTRAPP_ALLOWED_HOSTS": HOST,
    "TILTAKSTRAPP_PUBLIC_URL": PUBLIC_URL,
    "TILTAKSTRAPP_SECURITY_CONTACT": "mailto:sikkerhet@example.no",
}
