"""The data room: read, check and model the data file; no Sphinx or docutils here."""
