"""The project's own exceptions. The CLI turns them into one line and an exit code, the web API
into a 4xx; anything else escaping is a bug."""


class NewstallyError(Exception):
    """Base class: a problem the user can act on, with a message that says what and where."""


class InputError(NewstallyError):
    """An input (file, URL, argument) is unusable: empty, binary, too large, badly formatted."""


class StoreError(NewstallyError):
    """The database cannot be opened, migrated or written."""


class ModelError(NewstallyError):
    """The spaCy model named in the settings is not installed or does not load."""


class LexiconError(NewstallyError):
    """A lexicon data file (built-in or the user's $NEWSTALLY_LEXICON) is malformed: bad TOML, a
    word listed twice, an unknown group (measure, role, status) or a value of the wrong type."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line
