"""The tools room: the command line and the round-trip edits of the data file."""
