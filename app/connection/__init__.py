"""Where the database is and how to reach it, without Qt: the clerk's remembered choice, the
password in the system keyring, and the safety checks for a local SQLite file."""
