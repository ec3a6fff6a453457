-- A call's row is written by its first batch of events and updated by the next ones (answered,
-- ended, quality, recording: two or three updates a call). With full pages each update that finds
-- no room on its row's page moves the row and adds an entry to both indexes; a page kept 30 % free
-- takes the new version beside the old one (a HOT update: no index entry, and the old version is
-- pruned on the page). Applies to pages written from now on.
ALTER TABLE calls SET (fillfactor = 70);
