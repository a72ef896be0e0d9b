"""The Database dialog, opening and switching databases, and backups of a local file."""
