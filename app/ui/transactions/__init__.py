"""The A/R Transactions form: invoices, credit memos, debit memos and payments."""
