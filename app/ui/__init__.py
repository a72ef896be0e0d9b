"""The PySide6 windows: they present app.billing and send the clerk's actions back to it."""
