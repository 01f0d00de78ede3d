"""Names the filter shares with its script (static/llm-filter.js), which reads them from the page's
configuration (:func:`.script_names`)."""

#: The filter page's listing of every record (HTML only).
FILTER_LISTING = "llm-filter-listing"
#: A list of the filter page's compact rows (one per record).
FILTER_ROWS = "llm-filter-rows"
#: After FACET_ATTRIBUTE, on a compact row: its facets as the numbers of the form's boxes.
FACET_CODES = "f"
