// Live events (POST /api/events) and the live stream (GET /api/live): the contract shared by the
// server, the simulator, the web client and the tests. An event says what happened in a commune,
// never to whom: no name, no ID number; the store keeps counts and the event's id, not the person.
import { Type, type Static } from '@sinclair/typebox';
import { LiveWorkSchema } from './work.ts';

/** Client-made, unique for ever: a repeated id is acknowledged and not applied again. */
export const EventIdSchema = Type.String({
  minLength: 1,
  maxLength: 80,
  pattern: '^[A-Za-z0-9._:-]+$',
  description: 'client-made unique id',
});

/** YYYY-MM-DD or an ISO date-time (with Z or an offset; without one, Vietnam time, UTC+7). */
export const OccurredAtSchema = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$',
  description: 'when it happened: YYYY-MM-DD or ISO date-time (no offset = Vietnam time)',
});

export const POPULATION_EVENT_TYPES = [
  'birth',
  'death',
  'move_in',
  'move_out',
  'id_card_issued',
  'vneid_activated',
] as const;
export const DOSSIER_EVENT_TYPES = ['dossier_received', 'dossier_resolved', 'dossier_supplement'] as const;

const Common = {
  event_id: EventIdSchema,
  occurred_at: OccurredAtSchema,
  unit: Type.String({ minLength: 1, maxLength: 40, description: 'unit_id of the base unit (commune) it happened in' }),
};

/**
 * A population event. The person's state (personal_id, chip_card, vneid_level) says what enters or
 * leaves the stocks with them (a death, a move); an id_card_issued or vneid_activated changes it.
 */
export const PopulationEventSchema = Type.Object(
  {
    ...Common,
    type: Type.Union(POPULATION_EVENT_TYPES.map((t) => Type.Literal(t))),
    sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
    birth_date: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      description: 'YYYY-MM-DD (ages the counts; not stored)',
    }),
    residence: Type.Union([Type.Literal('permanent'), Type.Literal('temporary')]),
    personal_id: Type.Optional(Type.Boolean({ description: 'holds a personal identification number (default true)' })),
    chip_card: Type.Optional(Type.Boolean({ description: 'holds a chip ID card (default false)' })),
    vneid_level: Type.Optional(
      Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { description: 'VNeID level held (default 0)' }),
    ),
    incomplete_record: Type.Optional(
      Type.Boolean({ description: 'the record misses a mandatory field (default false)' }),
    ),
    level: Type.Optional(
      Type.Union([Type.Literal(1), Type.Literal(2)], { description: 'vneid_activated: the level reached' }),
    ),
  },
  { additionalProperties: false },
);

export const DossierFieldsSchema = Type.Object(
  {
    dossier_id: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9._:/-]+$' }),
    procedure_code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    channel: Type.Optional(Type.Union([Type.Literal('online'), Type.Literal('counter'), Type.Literal('post')])),
    due_at: Type.Optional(OccurredAtSchema),
    eid_authenticated: Type.Optional(Type.Boolean()),
    population_data_reused: Type.Optional(Type.Boolean()),
    paid_online: Type.Optional(Type.Boolean()),
    processed_online: Type.Optional(Type.Boolean()),
    applicant_had_eid: Type.Optional(Type.Boolean()),
    eid_enrolled_on_site: Type.Optional(Type.Boolean()),
    bundle_ref: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    result_digitised: Type.Optional(Type.Boolean()),
    satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    outcome: Type.Optional(
      Type.Union([Type.Literal('resolved'), Type.Literal('rejected')], {
        description: 'dossier_resolved: default resolved',
      }),
    ),
    // Decision 766 (docs/data-formats.md): on any dossier event, stored as sent; not sent = not reported (NULL)
    result_electronic: Type.Optional(Type.Boolean({ description: 'an electronic result was issued' })),
    components_digitised: Type.Optional(Type.Boolean({ description: 'the dossier has digitised components' })),
    reused_digitised: Type.Optional(Type.Boolean({ description: 'a component taken from digitised data' })),
    from_data_store: Type.Optional(Type.Boolean({ description: 'a component from the personal data store' })),
    result_to_data_store: Type.Optional(Type.Boolean({ description: 'the result synced to the personal data store' })),
    supplement_count: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 255,
        description: 'supplement requests so far (default: one more on each dossier_supplement)',
      }),
    ),
    supplement_days: Type.Optional(
      Type.Number({ minimum: 0, maximum: 3650, description: 'calendar days waited on the applicant for supplements' }),
    ),
    fee_amount: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12, description: 'fees charged, VND' })),
    synced_portal: Type.Optional(Type.Boolean({ description: 'synchronised to the national portal' })),
  },
  { additionalProperties: false },
);

/**
 * A dossier event: received (procedure_code, channel and due_at required), resolved (result_digitised,
 * satisfaction, outcome) or returned for supplement. Any of them may carry the Decision 766 fields
 * (result_electronic … synced_portal). The dossier carries no applicant identity.
 */
export const DossierEventSchema = Type.Object(
  {
    ...Common,
    type: Type.Union(DOSSIER_EVENT_TYPES.map((t) => Type.Literal(t))),
    dossier: DossierFieldsSchema,
  },
  { additionalProperties: false },
);

export const EventSchema = Type.Union([PopulationEventSchema, DossierEventSchema]);
export type PopulationEvent = Static<typeof PopulationEventSchema>;
export type DossierEvent = Static<typeof DossierEventSchema>;
export type LiveEvent = PopulationEvent | DossierEvent;

export const MAX_EVENTS = 10_000;

export const EventsAcceptedSchema = Type.Object({
  accepted: Type.Integer({ description: 'events applied now' }),
  duplicates: Type.Integer({ description: 'events whose event_id was seen before: acknowledged, not applied again' }),
  batch_id: Type.Integer(),
  data_version: Type.Integer(),
  data_date: Type.String({ description: 'last day the data cover after this batch' }),
});

export const EventProblemSchema = Type.Object({
  index: Type.Integer({ description: 'position in the batch, from 0' }),
  event_id: Type.Union([Type.String(), Type.Null()]),
  field: Type.String({
    description: "the field at fault, e.g. 'unit' or 'dossier.procedure_code' ('' for the whole event)",
  }),
  message: Type.String(),
});
export type EventProblem = Static<typeof EventProblemSchema>;

export const EventsRejectedSchema = Type.Object({
  statusCode: Type.Literal(422),
  error: Type.String(),
  message: Type.String(),
  problems: Type.Array(EventProblemSchema),
});

// ---------------------------------------------------------------------------------------------
// GET /api/live (text/event-stream). Each message has an id "<boot>.<seq>"; a client reconnecting
// with Last-Event-ID gets what it missed, or a `reset` when that is no longer kept.

/** `event: changes`: indicator values that changed with one or more committed batches. */
export const LiveChangeSchema = Type.Object({
  unit: Type.String(),
  indicator: Type.String(),
  period: Type.String({ description: 'YYYY-MM' }),
  value: Type.Union([Type.Number(), Type.Null()]),
  previous: Type.Union([Type.Number(), Type.Null()]),
  suppressed: Type.Boolean(),
});
export type LiveChange = Static<typeof LiveChangeSchema>;

/** `event: changes` also carries alerts: a target of a unit that crossed into at_risk or missed. */
export const LiveAlertSchema = Type.Object({
  unit: Type.String(),
  unit_name: Type.String(),
  target_id: Type.String(),
  indicator: Type.String(),
  status: Type.String({ description: 'at_risk | missed' }),
  previous_status: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
});
export type LiveAlert = Static<typeof LiveAlertSchema>;

export const LiveMessageSchema = Type.Object({
  at: Type.String({ description: 'ISO time the values were computed' }),
  batches: Type.Array(Type.Integer(), {
    description: 'the committed batches (batch_id of POST /api/events) this message reflects',
  }),
  data_version: Type.Integer(),
  data_date: Type.String(),
  changes: Type.Array(LiveChangeSchema),
  alerts: Type.Array(LiveAlertSchema),
  /** directives and tasks whose status changed (issue 21), each sent only to those who read its unit in detail */
  work: Type.Array(LiveWorkSchema),
});
export type LiveMessage = Static<typeof LiveMessageSchema>;
