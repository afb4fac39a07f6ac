-- ipm SQLite schema: `make db` loads build/pipeline/*/events.jsonl (tagged,
-- deduplicated records) into these tables, and ipm-agg's CSV tables as agg_*.
-- One row per record in events; one row per list item in the event_* tables.
PRAGMA foreign_keys = ON;

CREATE TABLE raw (j TEXT NOT NULL);           -- staging: one JSON line each

CREATE TABLE events (
	id INTEGER PRIMARY KEY,                   -- input order
	event_id TEXT,                            -- shared by duplicates (ipm-dedup)
	doc TEXT, section TEXT, actor TEXT, actor_id TEXT, actor_kind TEXT,
	date TEXT, month TEXT,                    -- YYYY-MM-DD, YYYY-MM
	province TEXT, province_code TEXT,
	city TEXT, city_code TEXT,                -- prefecture level (GB/T 2260), where known
	event_type TEXT, source TEXT, source_kind TEXT,
	url TEXT, text TEXT, line INTEGER, heading TEXT,
	period_start TEXT, period_end TEXT,       -- the monitoring period the report states
	title TEXT, doc_number TEXT, published TEXT, topic TEXT,
	json TEXT NOT NULL                        -- the whole record
);
CREATE TABLE event_sectors (event INTEGER REFERENCES events(id), sector TEXT);
CREATE TABLE event_subsectors (event INTEGER REFERENCES events(id), subsector TEXT);
CREATE TABLE event_companies (event INTEGER REFERENCES events(id), company TEXT);
CREATE TABLE event_places (event INTEGER REFERENCES events(id), province TEXT);
CREATE TABLE event_policy_docs (event INTEGER REFERENCES events(id), title TEXT);
CREATE TABLE event_doc_numbers (event INTEGER REFERENCES events(id), doc_number TEXT, issuer TEXT);
CREATE INDEX events_doc ON events(doc, section);
CREATE INDEX events_province ON events(province);
CREATE INDEX sectors_sector ON event_sectors(sector);
CREATE INDEX subsectors_subsector ON event_subsectors(subsector);
CREATE INDEX companies_company ON event_companies(company);

-- Records per document and section (compare with seeds/EXPECTED.tsv).
CREATE VIEW v_sections AS
	SELECT doc, section, count(*) AS n FROM events GROUP BY doc, section ORDER BY doc, section;
-- Distinct events (ipm-dedup's event_id) per month and section.
CREATE VIEW v_monthly AS
	SELECT month, section, count(DISTINCT coalesce(event_id, id)) AS events
	FROM events WHERE month IS NOT NULL GROUP BY month, section ORDER BY month, section;
-- Province x sector counts.
CREATE VIEW v_province_sector AS
	SELECT e.province, s.sector, count(*) AS n
	FROM events e JOIN event_sectors s ON s.event = e.id
	WHERE e.province IS NOT NULL GROUP BY e.province, s.sector ORDER BY e.province, n DESC;
-- Which provinces did what in which subsector (the 舆情总结 question).
CREATE VIEW v_province_subsector AS
	SELECT s.subsector, e.province, count(*) AS n, min(e.date) AS first, max(e.date) AS last
	FROM events e JOIN event_subsectors s ON s.event = e.id
	WHERE e.section = 'province' AND e.province IS NOT NULL
	GROUP BY s.subsector, e.province ORDER BY s.subsector, first;
-- Most mentioned companies.
CREATE VIEW v_companies AS
	SELECT company, count(*) AS n, count(DISTINCT doc) AS docs
	FROM event_companies c JOIN events e ON e.id = c.event GROUP BY company ORDER BY n DESC, company;
-- Policy documents with who issued them, when first seen, and a link.
CREATE VIEW v_policy_docs AS
	SELECT p.title, group_concat(DISTINCT e.actor) AS issuers, min(e.date) AS first,
	       min(e.url) AS url, count(*) AS mentions
	FROM event_policy_docs p JOIN events e ON e.id = p.event GROUP BY p.title ORDER BY first;
