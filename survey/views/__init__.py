"""One blueprint per area; views stay thin and call the store and scoring."""
