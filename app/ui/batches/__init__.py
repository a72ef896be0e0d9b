"""The Invoice Batches form: the list of batches, new manual batch, edit description, delete."""
