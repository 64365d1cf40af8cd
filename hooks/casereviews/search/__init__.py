"""Full-text search with Pagefind: its runs and batches (`pagefind`), its index format
(`bundle`), the version of Pagefind that format was written for (`version`), and the
indexing of a build's or a preview's pages (`indexing`)."""
