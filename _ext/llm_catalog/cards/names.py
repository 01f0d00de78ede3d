"""Names the cards wing shares between its modules and its stylesheet (static/llm-catalog.css)."""

#: On the fold of related materials, and on a course's earlier offerings: how many it holds.
COUNT = "llm-count"
#: A card's warning that its GitHub repository is archived or no longer updated.
CARD_REPOSITORY = "llm-card-repository"
#: A course's offerings: all as plain text in print; on the web the newest (the first item) is
#: left out, as the card shows it, and the earlier ones fold under 往期 (``COUNT`` of them).
OFFERINGS = "llm-card-offerings"
OFFERINGS_TITLE = "llm-card-offerings-title"
OFFERING_NEWEST = "llm-card-offering-newest"
#: The note of a course's newest offering.
OFFERING_NOTE = "llm-card-offering-note"
#: The related materials after the best few, and the paragraph print leaves out.
RELATED_MORE = "llm-related-more"
RELATED_MORE_REST = "llm-related-more-rest"
