-- The store's tables: units and lineage, population and dossier cubes, catalogue, targets, import log.
-- Read by data/pipeline/store.ts when a store is created; every statement is idempotent.
-- Population is kept only as counts (pop_month); no table holds a row per person.

CREATE TABLE IF NOT EXISTS store_meta (
  key   VARCHAR PRIMARY KEY,
  value VARCHAR NOT NULL
);

-- One row per file ever loaded; a file whose sha256 is here is skipped (idempotent imports).
CREATE TABLE IF NOT EXISTS import_log (
  batch_id    INTEGER NOT NULL,
  file_name   VARCHAR NOT NULL,
  sha256      VARCHAR PRIMARY KEY,
  kind        VARCHAR NOT NULL,          -- units | lineage | people | procedures | dossiers | targets | milestones
  rows        INTEGER NOT NULL,
  generated   BOOLEAN NOT NULL,          -- true when the file came from the demo generator
  imported_at TIMESTAMP NOT NULL
);

-- Which kinds of data in the store are generated (demo) and up to which date they reach.
CREATE TABLE IF NOT EXISTS datasets (
  kind      VARCHAR PRIMARY KEY,         -- people | dossiers | units | procedures | targets | milestones
  generated BOOLEAN NOT NULL,
  source    VARCHAR NOT NULL,
  data_date DATE                         -- last day covered by the data
);

-- Administrative units with validity; unit_id is the GSO code for units of 2008-2024
-- and "<code>@<YYYY-MM>" for later versions that reuse a code (e.g. 10633@2025-01 = Trần Phú).
CREATE TABLE IF NOT EXISTS units (
  unit_id     VARCHAR PRIMARY KEY,
  code        VARCHAR NOT NULL,          -- official GSO code
  name        VARCHAR NOT NULL,          -- Vietnamese name with diacritics, with its prefix (Xã, Thị trấn, Huyện…)
  name_en     VARCHAR,
  level       VARCHAR NOT NULL,          -- province | district | commune
  parent_id   VARCHAR,                   -- unit_id of the parent, NULL for a province
  valid_from  DATE NOT NULL,
  valid_to    DATE,                      -- last valid day, NULL while in force
  area_km2    DOUBLE,
  geometry    VARCHAR,                   -- GeoJSON geometry as text (EPSG:4326)
  is_base     BOOLEAN NOT NULL           -- true for units that data is recorded against (the 19 communes; district-level offices)
);

-- Successions: merges, splits and transfers, so history can be shown on today's units.
CREATE TABLE IF NOT EXISTS unit_lineage (
  from_unit_id VARCHAR NOT NULL,
  to_unit_id   VARCHAR NOT NULL,
  effective_on DATE NOT NULL,            -- first day of to_unit_id
  kind         VARCHAR NOT NULL,         -- kept | merged | split | transferred
  share        DOUBLE NOT NULL DEFAULT 1,-- share of from_unit's population going to to_unit (splits)
  PRIMARY KEY (from_unit_id, to_unit_id)
);

-- Derived by the importer from units and lineage: which base units make up each unit
-- (itself, its descendants, and for later units the base units that became them).
-- A base unit split between successors is counted whole in the one with the largest share.
CREATE TABLE IF NOT EXISTS unit_members (
  group_id  VARCHAR NOT NULL,
  member_id VARCHAR NOT NULL,
  PRIMARY KEY (group_id, member_id)
);

-- Population cube: base unit × month × sex × 5-year age group × residence type.
-- Stocks are at the month's last day; flows are events during the month (age at the event).
CREATE TABLE IF NOT EXISTS pop_month (
  unit_id            VARCHAR NOT NULL,
  month              DATE NOT NULL,      -- first day of the month
  sex                VARCHAR NOT NULL,   -- M | F
  age_group          UTINYINT NOT NULL,  -- lower bound: 0, 5, …, 80, 85 (= 85+)
  residence          VARCHAR NOT NULL,   -- permanent | temporary
  population         INTEGER NOT NULL,   -- stock: resident at month end
  births             INTEGER NOT NULL,   -- flow
  deaths             INTEGER NOT NULL,   -- flow
  moves_in           INTEGER NOT NULL,   -- flow
  moves_out          INTEGER NOT NULL,   -- flow
  with_personal_id   INTEGER NOT NULL,   -- stock: holds a personal identification number
  card_age           INTEGER NOT NULL,   -- stock: aged 14 or more (age of the chip ID card)
  with_chip_card     INTEGER NOT NULL,   -- stock: of card age, chip card issued by month end
  vneid_requested    INTEGER NOT NULL,   -- stock: asked for a VNeID e-identity by month end
  vneid_level1       INTEGER NOT NULL,   -- stock: VNeID level 1 or 2 by month end
  vneid_level2       INTEGER NOT NULL,   -- stock: VNeID level 2 by month end (also without a request on record)
  vneid_requested_level2 INTEGER NOT NULL, -- stock: asked for a VNeID e-identity and level 2, both by month end (C01)
  incomplete_records INTEGER NOT NULL,   -- stock: record misses a mandatory field at month end
  PRIMARY KEY (unit_id, month, sex, age_group, residence)
);
-- A store made before vneid_requested_level2 existed gets it empty (NULL: not known) until a people extract of
-- the unit is loaded (the same file again is skipped: rebuild the store); pct_eid_requests_resolved has no value
-- there rather than a wrong one.
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS vneid_requested_level2 INTEGER;
-- Aggregate tables (population_counts, identity_counts; docs/data-formats.md) give the population of a cell and
-- maybe not its flows or identity stocks: those are NULL there (not known), never 0, and every indicator that reads
-- them has no value where one of its cells is NULL. Each X_key is NULL with its X.
ALTER TABLE pop_month ALTER COLUMN births DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN deaths DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN moves_in DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN moves_out DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN with_personal_id DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN card_age DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN with_chip_card DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN vneid_requested DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN vneid_level1 DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN vneid_level2 DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN vneid_requested_level2 DROP NOT NULL;
ALTER TABLE pop_month ALTER COLUMN incomplete_records DROP NOT NULL;

-- Procedure catalogue (commune and district procedures).
CREATE TABLE IF NOT EXISTS procedures (
  procedure_code        VARCHAR PRIMARY KEY,
  name                  VARCHAR NOT NULL,
  name_en               VARCHAR,
  field                 VARCHAR NOT NULL, -- civil_status | residence | certification | social_protection | land | health_insurance | other
  level                 VARCHAR NOT NULL, -- commune | district
  due_days              INTEGER NOT NULL, -- statutory time, calendar days
  population_management BOOLEAN NOT NULL, -- a population-management work file (targets A15/A16/A19/A20)
  essential_service     VARCHAR,          -- civil_status | social_insurance | education | health | land | labour | NULL
  full_online_eligible  BOOLEAN NOT NULL,
  full_online_since     DATE,
  population_data_since DATE,             -- verifies and reuses population data since
  standardised_since    DATE,             -- form standardised on the population database since
  simplified_since      DATE,             -- cut or simplified since
  bundle                VARCHAR,          -- birth | death | NULL (the linked bundles of clause IV.2.d)
  bundle_step           UTINYINT          -- 1 = registration, 2 = residence, 3 = insurance card / allowance
);

-- Dossiers without any applicant identity. Kept for incremental updates; panels read dossier_month.
-- dossier_id is unique, kept so by the importer (delete then insert by id); no PRIMARY KEY, whose index
-- made loading 10 M dossiers about three times slower (the importer also works on stores that have one).
CREATE TABLE IF NOT EXISTS dossiers (
  dossier_id              VARCHAR NOT NULL,
  procedure_code          VARCHAR NOT NULL,
  unit_id                 VARCHAR NOT NULL,
  received_at             TIMESTAMP NOT NULL,
  due_at                  TIMESTAMP NOT NULL,
  resolved_at             TIMESTAMP,
  channel                 VARCHAR NOT NULL, -- online | counter | post
  status                  VARCHAR NOT NULL, -- received | processing | supplement | resolved | rejected | withdrawn
  eid_authenticated       BOOLEAN NOT NULL,
  population_data_reused  BOOLEAN NOT NULL,
  result_digitised        BOOLEAN NOT NULL,
  paid_online             BOOLEAN NOT NULL,
  processed_online        BOOLEAN NOT NULL,
  applicant_had_eid       BOOLEAN NOT NULL,
  eid_enrolled_on_site    BOOLEAN NOT NULL,
  satisfaction            UTINYINT,          -- 1..5, NULL when not rated
  bundle_ref              VARCHAR            -- same value for the dossiers of one linked bundle
);

-- Dossier cube: base unit × month × procedure × channel. "received_*" count by received month,
-- "resolved_*" by resolution month.
CREATE TABLE IF NOT EXISTS dossier_month (
  unit_id                    VARCHAR NOT NULL,
  month                      DATE NOT NULL,
  procedure_code             VARCHAR NOT NULL,
  channel                    VARCHAR NOT NULL,
  received                   INTEGER NOT NULL,
  received_eid_authenticated INTEGER NOT NULL,
  received_population_reused INTEGER NOT NULL,
  received_paid_online       INTEGER NOT NULL,
  received_processed_online  INTEGER NOT NULL,
  received_without_eid       INTEGER NOT NULL,
  received_eid_enrolled      INTEGER NOT NULL, -- of those without e-ID, enrolled on site
  received_in_bundle         INTEGER NOT NULL,
  returned_for_supplement    INTEGER NOT NULL,
  resolved                   INTEGER NOT NULL,
  resolved_on_time           INTEGER NOT NULL, -- resolved_at <= due_at (Decision 766)
  resolved_late              INTEGER NOT NULL,
  resolved_digitised         INTEGER NOT NULL,
  resolution_days_sum        DOUBLE NOT NULL,  -- sum of (resolved_at - received_at) in days
  rated                      INTEGER NOT NULL,
  satisfied                  INTEGER NOT NULL, -- satisfaction >= 4
  PRIMARY KEY (unit_id, month, procedure_code, channel)
);

-- Linked bundles (IV.2.d) by the month their first dossier was received.
CREATE TABLE IF NOT EXISTS bundle_month (
  unit_id           VARCHAR NOT NULL,
  month             DATE NOT NULL,
  bundle            VARCHAR NOT NULL,   -- birth | death
  bundles_started   INTEGER NOT NULL,
  bundles_completed INTEGER NOT NULL,   -- every step resolved
  PRIMARY KEY (unit_id, month, bundle)
);

-- Targets of the plan (targets.csv), editable data.
CREATE TABLE IF NOT EXISTS targets (
  target_id     VARCHAR PRIMARY KEY,
  target_group  VARCHAR NOT NULL,
  indicator     VARCHAR NOT NULL,
  title_vi      VARCHAR NOT NULL,
  title_en      VARCHAR NOT NULL,
  level         VARCHAR NOT NULL,  -- all | district | commune
  comparator    VARCHAR NOT NULL,  -- >= | <= | done
  target        DOUBLE NOT NULL,
  unit          VARCHAR NOT NULL,  -- percent | count | milestone
  deadline      DATE NOT NULL,
  source_clause VARCHAR NOT NULL
);

-- Milestone targets (comparator "done"): when a unit reached them.
CREATE TABLE IF NOT EXISTS milestones (
  target_id   VARCHAR NOT NULL,
  unit_id     VARCHAR NOT NULL,
  achieved_on DATE NOT NULL,
  PRIMARY KEY (target_id, unit_id)
);

-- Cell keys (docs/disclosure.md): beside each count X of the three cubes, X_key is the sum of the record keys of the
-- records X counts in that cell, modulo 2^24 (data/pipeline/cell-key.ts). A roll-up's cell key is the sum of its
-- cells' keys; the server perturbs each published count by a fixed table lookup on (count, cell key). A store made
-- before the keys existed has them 0 until its cubes are rebuilt from their files.
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS population_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS births_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS deaths_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS moves_in_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS moves_out_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS with_personal_id_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS card_age_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS with_chip_card_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS vneid_requested_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS vneid_level1_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS vneid_level2_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS vneid_requested_level2_key INTEGER DEFAULT 0;
ALTER TABLE pop_month ADD COLUMN IF NOT EXISTS incomplete_records_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_eid_authenticated_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_population_reused_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_paid_online_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_processed_online_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_without_eid_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_eid_enrolled_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS received_in_bundle_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS returned_for_supplement_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS resolved_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS resolved_on_time_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS resolved_late_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS resolved_digitised_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS rated_key INTEGER DEFAULT 0;
ALTER TABLE dossier_month ADD COLUMN IF NOT EXISTS satisfied_key INTEGER DEFAULT 0;
ALTER TABLE bundle_month ADD COLUMN IF NOT EXISTS bundles_started_key INTEGER DEFAULT 0;
ALTER TABLE bundle_month ADD COLUMN IF NOT EXISTS bundles_completed_key INTEGER DEFAULT 0;

-- Live events (POST /api/events, or event files through the importer): one row per event ever
-- applied, for idempotency (a repeated event_id is not applied again) and for the audit of what
-- changed the cubes. No attribute of the person is kept: kind, unit and month only.
CREATE TABLE IF NOT EXISTS events (
  event_id    VARCHAR PRIMARY KEY,
  type        VARCHAR NOT NULL,          -- birth | death | move_in | move_out | id_card_issued | vneid_activated | dossier_*
  unit_id     VARCHAR NOT NULL,
  month       DATE NOT NULL,             -- first day of the month it happened in
  batch_id    INTEGER NOT NULL,
  received_at TIMESTAMP NOT NULL
);

-- Imports through the running server (server/imports): one row per import job, its whole state as JSON (files,
-- preview, errors, result), so that the history survives a restart. batch_id: the import_log batch it committed.
-- The rows an import replaced are kept in schema import_undo (data/pipeline/import/undo.ts) for its undo.
CREATE TABLE IF NOT EXISTS import_jobs (
  id          VARCHAR PRIMARY KEY,
  created_at  TIMESTAMP NOT NULL,
  status      VARCHAR NOT NULL,
  batch_id    INTEGER,
  job         VARCHAR NOT NULL
);

-- Decision 766/QĐ-TTg (the portal's service index, ../shared/product/DECISION-766.md; docs/data-formats.md): what a
-- dossier export may report beside the fields above. NULL = not reported by the export (never taken as false).
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS result_electronic BOOLEAN;    -- an electronic result was issued
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS components_digitised BOOLEAN; -- has digitised components
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS reused_digitised BOOLEAN;     -- a component from digitised data (4.3)
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS from_data_store BOOLEAN;      -- a component from the personal data store
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS result_to_data_store BOOLEAN; -- the result synced to the data store
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS supplement_count UTINYINT;    -- supplement requests (0, 1, 2, …)
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS supplement_days DOUBLE;       -- days waiting on the applicant for them
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS fee_amount DOUBLE;            -- fees charged, VND (0 = no fee)
ALTER TABLE dossiers ADD COLUMN IF NOT EXISTS synced_portal BOOLEAN;        -- synchronised to the national portal

-- What a procedure catalogue may report for Decision 766; NULL = not reported.
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS online_level VARCHAR;         -- none | partial | full
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS paper_result BOOLEAN;         -- issues a paper result
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS has_fees BOOLEAN;             -- fee-bearing
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS payment_integrated BOOLEAN;   -- online payment integrated
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS citizen_applicants BOOLEAN;   -- applicants are citizens (4.5a)
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS announced_on DATE;            -- date of the announcement decision
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS legal_effective_on DATE;      -- effective date of its legal basis
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS published_on DATE;            -- published on the national database
ALTER TABLE procedures ADD COLUMN IF NOT EXISTS all_parts_published BOOLEAN;  -- all 7 parts published

-- Petitions (phản ánh, kiến nghị) about procedures or staff; nothing about the petitioner. Unique petition_id, kept
-- so by the importer (delete then insert by id).
CREATE TABLE IF NOT EXISTS petitions (
  petition_id    VARCHAR NOT NULL,
  unit_id        VARCHAR NOT NULL,              -- a base unit
  received_at    TIMESTAMP NOT NULL,
  kind           VARCHAR NOT NULL,              -- procedure | staff
  procedure_code VARCHAR,                       -- when it concerns a procedure
  dossier_id     VARCHAR,                       -- when it concerns a dossier (5.4)
  handled_at     TIMESTAMP,                     -- NULL while open
  outcome        VARCHAR,                       -- answered | refused | supplement | published; NULL while open
  disliked       BOOLEAN NOT NULL DEFAULT false,-- the petitioner rated the handling "not satisfied"
  repeated       BOOLEAN NOT NULL DEFAULT false,-- the same matter petitioned again
  k              INTEGER NOT NULL               -- record key (cell-key.ts, kind 'p' of petition_id), set by the loader
);

-- The portal's published Decision 766 points, imported to be shown beside the local ones.
CREATE TABLE IF NOT EXISTS portal_scores (
  unit_id  VARCHAR NOT NULL,
  period   VARCHAR NOT NULL,                    -- YYYY-MM | YYYY-Qn | YYYY
  group_id VARCHAR NOT NULL,                    -- 1 | 2 | 3 | 3b | 4 | 5 | total
  points   DOUBLE NOT NULL,
  PRIMARY KEY (unit_id, period, group_id)
);

-- Office working days: Monday to Friday except public holidays (data/pipeline/holidays.ts, which fills it when a store
-- is opened), 2015-2035. A deadline n working days after t: the day whose seq is n more than the largest seq of a day
-- ≤ t::DATE.
CREATE TABLE IF NOT EXISTS work_days (
  day DATE PRIMARY KEY,
  seq INTEGER NOT NULL                          -- 1, 2, 3, … in date order
);

-- Decision 766 cube of dossiers (data/pipeline/import/load-service.ts): base unit × month × procedure. Flows by the
-- month received (received*, synced*, reused*, shared*, population_data, paid_online, fee_zero) or finished
-- (finished*, resolution_days_sum); stocks at the month's end or the dossiers' data date (open_end,
-- open_not_due_end). Each count X has its cell key X_key; a row per month from a procedure's first dossier in the
-- unit to the data date's month.
CREATE TABLE IF NOT EXISTS service_month (
  unit_id                     VARCHAR NOT NULL,
  month                       DATE NOT NULL,
  procedure_code              VARCHAR NOT NULL,
  received                    INTEGER NOT NULL,
  received_online             INTEGER NOT NULL,
  received_online_eresult     INTEGER NOT NULL,
  synced                      INTEGER NOT NULL,
  synced_known                INTEGER NOT NULL,
  reused                      INTEGER NOT NULL,
  reused_known                INTEGER NOT NULL,
  shared                      INTEGER NOT NULL,
  shared_known                INTEGER NOT NULL,
  population_data             INTEGER NOT NULL,
  paid_online                 INTEGER NOT NULL,
  fee_zero                    INTEGER NOT NULL,
  finished                    INTEGER NOT NULL,
  finished_on_time            INTEGER NOT NULL,
  finished_eresult            INTEGER NOT NULL,
  finished_eresult_known      INTEGER NOT NULL,
  finished_digitised          INTEGER NOT NULL,
  finished_digitised_known    INTEGER NOT NULL,
  finished_complained         INTEGER NOT NULL,
  open_end                    INTEGER NOT NULL,
  open_not_due_end            INTEGER NOT NULL,
  received_key                INTEGER NOT NULL,
  received_online_key         INTEGER NOT NULL,
  received_online_eresult_key INTEGER NOT NULL,
  synced_key                  INTEGER NOT NULL,
  synced_known_key            INTEGER NOT NULL,
  reused_key                  INTEGER NOT NULL,
  reused_known_key            INTEGER NOT NULL,
  shared_key                  INTEGER NOT NULL,
  shared_known_key            INTEGER NOT NULL,
  population_data_key         INTEGER NOT NULL,
  paid_online_key             INTEGER NOT NULL,
  fee_zero_key                INTEGER NOT NULL,
  finished_key                INTEGER NOT NULL,
  finished_on_time_key        INTEGER NOT NULL,
  finished_eresult_key        INTEGER NOT NULL,
  finished_eresult_known_key  INTEGER NOT NULL,
  finished_digitised_key      INTEGER NOT NULL,
  finished_digitised_known_key INTEGER NOT NULL,
  finished_complained_key     INTEGER NOT NULL,
  open_end_key                INTEGER NOT NULL,
  open_not_due_end_key        INTEGER NOT NULL,
  resolution_days_sum         DOUBLE NOT NULL,  -- Σ days from received to finished, less the days of supplements
  PRIMARY KEY (unit_id, month, procedure_code)
);

-- Offices of a unit (Công an xã, Bộ phận một cửa, …) and the accounts that belong to each, imported with the file kind
-- `offices` (data/pipeline/import/load-work.ts); id e.g. 10633.cong-an. An account belongs to at most one office.
CREATE TABLE IF NOT EXISTS offices (
  office_id VARCHAR PRIMARY KEY,
  unit_id   VARCHAR NOT NULL,
  name      VARCHAR NOT NULL,
  name_en   VARCHAR
);
CREATE TABLE IF NOT EXISTS office_accounts (
  username  VARCHAR PRIMARY KEY,
  office_id VARCHAR NOT NULL
);

-- The plan's tasks (tasks.csv, the file kind `tasks`), each of a unit; lead and partners as the file writes them
-- ("; "-separated), resolved in task_offices. Progress and status are people's, kept elsewhere (server/work), so a
-- re-import loses none.
CREATE TABLE IF NOT EXISTS tasks (
  unit_id   VARCHAR NOT NULL,
  task_id   VARCHAR NOT NULL,
  section   VARCHAR NOT NULL,
  title_vi  VARCHAR NOT NULL,
  title_en  VARCHAR,
  lead      VARCHAR,
  partners  VARCHAR,
  timeframe VARCHAR,
  deadline  DATE,                               -- the task's own deadline, when the file or an admin sets one
  targets   VARCHAR[] NOT NULL,                 -- target ids the task serves
  notes     VARCHAR,
  PRIMARY KEY (unit_id, task_id)
);
-- The offices a task names, in the file's order: office_id NULL for a generic phrase ("các đơn vị liên quan").
CREATE TABLE IF NOT EXISTS task_offices (
  unit_id   VARCHAR NOT NULL,
  task_id   VARCHAR NOT NULL,
  role      VARCHAR NOT NULL,                   -- lead | partner
  position  INTEGER NOT NULL,                   -- 1, 2, … within the role
  office_id VARCHAR,
  name      VARCHAR NOT NULL,                   -- the office's name, or the phrase as written
  PRIMARY KEY (unit_id, task_id, role, position)
);
