"""The Generate Invoice Batch form: preview a run, then process it in the background."""
