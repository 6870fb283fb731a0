"""Reading ids and counts from user input: ASCII digits only, and within a database integer.

`"²".isdigit()` is True yet `int("²")` raises, and an id past 2**63 overflows PostgreSQL's bigint:
every page, filter and API view reads numbers from the query string or a form through `parse_id`.
"""

MAX_ID = 2**63 - 1


def parse_id(value: object, *, maximum: int = MAX_ID) -> int | None:
    """A positive whole number written in ASCII digits, at most `maximum`; None for anything else."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return None
    text = str(value).strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= maximum else None
