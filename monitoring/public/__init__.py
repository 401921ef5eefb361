"""Public accountability pages (issue 17): for a region that opened its data, anonymous
visitors see its adopted programme, progress per action line and milestones, in the manner
of Decidim's accountability pages. Read-only; nothing else of the portal is reachable."""
