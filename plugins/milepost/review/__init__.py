"""The review of changes in Git: revisions, history, comparing two plans and phrasing the change."""
