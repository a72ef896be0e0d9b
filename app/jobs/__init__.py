"""The long actions that combine billing, reports, exports and mail (DESIGN.md §5), one module
each: what the windows and the command line both call. A job opens its own short sessions, so
no lock is held while a printer, a file or a mail server is being waited on."""
