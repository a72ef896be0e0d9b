"""The Company settings dialog: what the report prints about the company, and the envelope."""
