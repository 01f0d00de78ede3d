"""The site room: the Sphinx extension that shows the data in every builder."""
