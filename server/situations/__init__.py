"""Situations: what people arrive with («pappa slår meg»), recognised in what they type, with the
help that fits in their municipality, lowest step first, and the helplines first when a child may
be in danger (issue 13). The package holds the matching (shared with the browser), the pages and
the API."""
