"""Stage outputs: files made from the plan: feeds, calendar, open data, search, sitemap, share cards."""
