"""News digest generator: seeds → extraction → pages → MkDocs Material site."""

__version__ = "0.1.0"
