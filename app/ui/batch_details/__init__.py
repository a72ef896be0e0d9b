"""The Invoice Batch Details form: one batch's customers, transactions and payments."""
