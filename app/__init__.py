"""Invoice Batches: balance-forward statements grouped into numbered invoice batches."""

__version__ = "0.1.0"
