-- Move the staged JSON lines of raw into events and the event_* tables.
INSERT INTO events (id, event_id, doc, section, actor, actor_id, actor_kind, date, month,
	province, province_code, city, city_code, event_type, source, source_kind, url, text, line, heading,
	period_start, period_end, title, doc_number, published, topic, json)
SELECT rowid, j->>'event_id', j->>'doc', j->>'section', j->>'actor', j->>'actor_id',
	j->>'actor_kind', j->>'date', substr(j->>'date', 1, 7), j->>'province',
	j->>'province_code', j->>'city', j->>'city_code', j->>'event_type', j->>'source', j->>'source_kind', j->>'url',
	j->>'text', j->>'line', j->>'heading', j->>'period_start', j->>'period_end',
	j->>'title', j->>'doc_number',
	j->>'published', j->>'topic', j
FROM raw WHERE json_valid(j);
INSERT INTO event_sectors SELECT e.id, v.value FROM events e, json_each(e.json, '$.sectors') v
	WHERE json_type(e.json, '$.sectors') = 'array';
INSERT INTO event_subsectors SELECT e.id, v.value FROM events e, json_each(e.json, '$.subsectors') v
	WHERE json_type(e.json, '$.subsectors') = 'array';
INSERT INTO event_companies SELECT e.id, v.value FROM events e, json_each(e.json, '$.companies') v
	WHERE json_type(e.json, '$.companies') = 'array';
INSERT INTO event_places SELECT e.id, v.value FROM events e, json_each(e.json, '$.places') v
	WHERE json_type(e.json, '$.places') = 'array';
INSERT INTO event_policy_docs SELECT e.id, v.value FROM events e, json_each(e.json, '$.policy_docs') v
	WHERE json_type(e.json, '$.policy_docs') = 'array';
INSERT INTO event_doc_numbers SELECT e.id, v.value, e.json->('$.doc_issuers[' || v.key || ']')->>'$'
	FROM events e, json_each(e.json, '$.doc_numbers') v
	WHERE json_type(e.json, '$.doc_numbers') = 'array';
DROP TABLE raw;
