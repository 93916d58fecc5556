"""Staff accounts: who may edit, review and publish which municipality's content.

Roles grow: an `editor` saves drafts, a `publisher` also reviews and publishes, an `admin` also
manages the municipality's accounts and settings and reads its audit log. An account belongs to
one municipality, or to `felles` for the shared glossary and situations (a `felles` admin
manages every account). A first password is set through a one-time link, valid 24 hours; only
a hash of the link's token is kept. Passwords are hashed with argon2id (argon2-cffi's
defaults, RFC 9106's second recommended set) and must be long and not among the commonest
(zxcvbn's frequency lists, which hold the passwords most often leaked).
"""

import datetime
import hashlib
import secrets
from typing import Any

import msgspec
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

from server.datadir import DataDir

ROLES = ("editor", "publisher", "admin")
ROLE_LABELS = {"editor": "Redaktør", "publisher": "Publiserer", "admin": "Administrator"}
MIN_LENGTH = 12
LINK_HOURS = 24
USERS = "users"
HASHER = PasswordHasher()
# Checked when no account has the e-mail address, so a wrong address takes as long as a wrong
# password and the answer gives no hint whether the address exists.
_DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))


class Account(msgspec.Struct, kw_only=True):
    key: str  # the e-mail address, lower case
    municipality: str
    role: str
    password_hash: str = ""
    disabled: bool = False
    link_hash: str = ""
    link_expires: str = ""
    created_at: str = ""
    created_by: str = ""

    @property
    def email(self) -> str:
        return self.key

    def can(self, role: str) -> bool:
        """Whether the account has this role or a higher one."""
        return not self.disabled and ROLES.index(self.role) >= ROLES.index(role)

    def covers(self, scope: str) -> bool:
        """Whether the account may work on a municipality's (or the shared) content."""
        return not self.disabled and (
            self.municipality == scope or (self.municipality == "felles" and self.role == "admin")
        )


class AccountError(ValueError):
    """What is wrong with a request about accounts, in plain Norwegian."""


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get(data: DataDir, email: str) -> Account | None:
    record = data.editorial.keyed(USERS).get(normalise_email(email))
    return None if record is None else msgspec.convert(record, Account)


def all_accounts(data: DataDir) -> list[Account]:
    return sorted((msgspec.convert(r, Account) for r in data.editorial.records(USERS)), key=lambda a: a.key)


def _save(data: DataDir, account: Account) -> None:
    data.editorial.put(USERS, msgspec.to_builtins(account))


def _new_link(account: Account) -> str:
    token = secrets.token_urlsafe(32)
    account.link_hash = _token_hash(token)
    account.link_expires = (_now() + datetime.timedelta(hours=LINK_HOURS)).isoformat()
    return token


def add(data: DataDir, email: str, municipality: str, role: str, by: str) -> str:
    """Create an account; return the token of its one-time link for the first password."""
    email = normalise_email(email)
    if "@" not in email or len(email) > 200:
        raise AccountError("Skriv en gyldig e-postadresse.")
    if role not in ROLES:
        raise AccountError(f"Rollen må være en av {', '.join(ROLES)}.")
    with data.transaction():
        if get(data, email) is not None:
            raise AccountError(f"{email} har allerede en konto.")
        account = Account(key=email, municipality=municipality, role=role, created_at=_now().isoformat(), created_by=by)
        token = _new_link(account)
        _save(data, account)
    data.audit("konto opprettet", by, item=email, municipality=municipality, detail=role)
    return token


def reset(data: DataDir, email: str, by: str) -> str:
    """A new one-time link; the old password stops working until a new one is set."""
    with data.transaction():
        account = _existing(data, email)
        account.password_hash = ""
        account.disabled = False
        token = _new_link(account)
        _save(data, account)
    data.audit("konto nullstilt", by, item=account.email, municipality=account.municipality)
    return token


def disable(data: DataDir, email: str, by: str) -> Account:
    with data.transaction():
        account = _existing(data, email)
        account.disabled = True
        account.link_hash = ""
        _save(data, account)
    data.audit("konto sperret", by, item=account.email, municipality=account.municipality)
    return account


def _existing(data: DataDir, email: str) -> Account:
    account = get(data, email)
    if account is None:
        raise AccountError(f"Fant ingen konto for {normalise_email(email)}.")
    return account


def account_for_link(data: DataDir, token: str) -> Account | None:
    """The account a one-time link belongs to, while it is valid."""
    wanted = _token_hash(token)
    for account in all_accounts(data):
        if account.link_hash and secrets.compare_digest(account.link_hash, wanted):
            if account.disabled or datetime.datetime.fromisoformat(account.link_expires) < _now():
                return None
            return account
    return None


def password_problems(password: str, email: str) -> list[str]:
    """What is wrong with a new password, in plain words (empty: it is good)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Passordet må ha minst {MIN_LENGTH} tegn.")
    strength: dict[str, Any] = zxcvbn(password[:100], user_inputs=[email, *email.split("@")])
    if strength["score"] < 3:
        problems.append("Passordet er for lett å gjette. Bruk gjerne flere ord som ikke hører sammen.")
    return problems


def set_password(data: DataDir, token: str, password: str) -> Account:
    """Use a one-time link to set a password; the link then stops working."""
    with data.transaction():
        account = account_for_link(data, token)
        if account is None:
            raise AccountError("Lenken er brukt eller for gammel. Be administratoren om en ny.")
        problems = password_problems(password, account.email)
        if problems:
            raise AccountError(" ".join(problems))
        account.password_hash = HASHER.hash(password)
        account.link_hash = ""
        _save(data, account)
    data.audit("passord satt", account.email, item=account.email, municipality=account.municipality)
    return account


def verify(data: DataDir, email: str, password: str) -> Account | None:
    """The account, if the password is right and the account may log in; else None."""
    account = get(data, email)
    stored = account.password_hash if account and account.password_hash and not account.disabled else _DUMMY_HASH
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    return account if account is not None and stored is not _DUMMY_HASH else None
