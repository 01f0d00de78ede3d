"""What a data file must satisfy beyond its schema, and loading it: read, hold it to the schema and
the rules, build the catalog (``load``). Imports the data room only, never Sphinx."""
