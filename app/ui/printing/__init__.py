"""Preview, print and save the Invoice Batch Report, and show a batch's original print."""
