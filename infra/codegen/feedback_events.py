#!/usr/bin/env python3
"""Writes feedback-intake's lifecycle event records, their JSON Schemas and examples from one table.

The records are the contract; this table only saves typing them three times. Run from the repo root:
    python3 infra/codegen/feedback_events.py
EventContractsTest (infra/platform-tests) checks that records, schemas and examples agree.
"""
import json, os

PKG = "vn.danvan.feedback.api.events.v1"
OUT_JAVA = "services/feedback-intake/feedback-intake-api/src/main/java/vn/danvan/feedback/api/events/v1"
OUT_RES = "services/feedback-intake/feedback-intake-api/src/main/resources/vn/danvan/feedback/api/events/v1"

# name -> (java type, json schema, example value, nullable)
F = {
    "feedbackId": ("String", {"type": "string", "minLength": 1}, "0194b3c2-7f3e-7a10-9c55-3f6c2a1e8d01", False),
    "kind": ("FeedbackKind", {"enum": ["OPINION", "RECOMMENDATION", "REPORT", "COMPLAINT", "DENUNCIATION", "CONSULTATION_COMMENT", "MODEL_ASSESSMENT"]}, "COMPLAINT", False),
    "channel": ("Channel", {"enum": ["WEB", "APP", "HOTLINE", "LETTER", "RECEPTION", "DIALOGUE", "IMPORT"]}, "WEB", False),
    "category": ("String", {"type": "string"}, "land", False),
    "unitCode": ("String", {"type": "string", "description": "responsible unit (commune, province or agency code)"}, "19753", False),
    "communeCode": ("String", {"type": ["string", "null"], "description": "commune the item is about"}, "19753", True),
    "fromUnitCode": ("String", {"type": "string"}, "19753", False),
    "toUnitCode": ("String", {"type": "string"}, "46", False),
    "occurredAt": ("Instant", {"type": "string", "format": "date-time"}, "2026-03-02T03:15:00Z", False),
    "receivedAt": ("Instant", {"type": "string", "format": "date-time"}, "2026-03-02T03:15:00Z", False),
    "deadline": ("Instant", {"type": ["string", "null"], "format": "date-time", "description": "the deadline in force after this event"}, "2026-03-16T10:00:00Z", True),
    "previousDeadline": ("Instant", {"type": "string", "format": "date-time"}, "2026-02-16T10:00:00Z", False),
    "onTime": ("Boolean", {"type": ["boolean", "null"], "description": "whether the step happened by its deadline"}, True, True),
    "workingDaysTaken": ("Integer", {"type": ["integer", "null"], "minimum": 0}, 7, True),
    "reason": ("String", {"type": "string", "pattern": "^[A-Z_]+$", "description": "reason code from a fixed list, never free text: FeedbackRejected OUT_OF_SCOPE, ANONYMOUS_COMPLAINT, TIME_LIMIT_PASSED, DUPLICATE, INSUFFICIENT_INFORMATION, ALREADY_RESOLVED; FeedbackTransferred NOT_COMPETENT, WRONG_AREA, HIGHER_LEVEL, SPECIALISED_AGENCY, OTHER, and REOPENED_TO_SUPERIOR (given by the system when a reopened complaint or denunciation goes to the superior of the unit that answered it)"}, "OUT_OF_SCOPE", False),
    "stage": ("String", {"enum": ["ACCEPTANCE", "RESOLUTION"]}, "RESOLUTION", False),
    "extension": ("Integer", {"type": "integer", "minimum": 1}, 1, False),
    "rating": ("Integer", {"type": "integer", "minimum": 1, "maximum": 5}, 4, False),
    "duplicateOf": ("String", {"type": ["string", "null"]}, None, True),
    "dialogueRecommendationId": ("String", {"type": ["string", "null"]}, None, True),
    "consultationId": ("String", {"type": ["string", "null"]}, None, True),
    "modelId": ("String", {"type": ["string", "null"]}, None, True),
    "modelIdRequired": ("String", {"type": "string"}, "model-2026-0042", False),
}
BASE = ["feedbackId", "kind", "channel", "category", "unitCode", "occurredAt"]

EVENTS = [
    ("FeedbackReceived", "an item was received (any channel)", BASE + ["communeCode", "deadline", "duplicateOf", "dialogueRecommendationId", "consultationId", "modelId"]),
    ("FeedbackAccepted", "the responsible unit accepted it (thụ lý)", BASE + ["deadline", "onTime"]),
    ("FeedbackRejected", "refused, with a reason from the list", BASE + ["reason", "onTime"]),
    ("FeedbackTransferred", "moved to another unit; that unit's clock starts", ["feedbackId", "kind", "channel", "category", "fromUnitCode", "toUnitCode", "occurredAt", "reason", "deadline"]),
    ("FeedbackAssigned", "an officer was assigned", BASE),
    ("FeedbackAnswered", "the unit answered", BASE + ["deadline", "onTime", "workingDaysTaken"]),
    ("FeedbackClosed", "closed after the answer", BASE),
    ("FeedbackReopened", "the citizen reopened an unsatisfactory answer", BASE + ["deadline"]),
    ("FeedbackWithdrawn", "the citizen withdrew it before an answer (an accepted denunciation: when the resolver ends it on the denouncer's request, Luật Tố cáo 2018 Art. 33)", BASE),
    ("FeedbackDeadlineExtended", "a recorded decision extended the resolution deadline", BASE + ["previousDeadline", "deadline", "extension"]),
    ("FeedbackDueSoon", "a deadline is near (raised once per deadline)", BASE + ["stage", "deadline"]),
    ("FeedbackOverdue", "a deadline passed without the step (raised once per deadline)", BASE + ["stage", "deadline"]),
    ("FeedbackRated", "the citizen rated the answer", BASE + ["rating"]),
    ("ModelAssessed", "a citizen rated a mobilization model (for model-registry)", ["feedbackId", "modelIdRequired", "rating", "communeCode", "channel", "occurredAt"]),
]

def field_name(f):
    return "modelId" if f == "modelIdRequired" else f

os.makedirs(OUT_JAVA, exist_ok=True); os.makedirs(OUT_RES, exist_ok=True)
for name, doc, fields in EVENTS:
    comps = []
    for f in fields:
        jt = F[f][0]
        comps.append(f"{jt} {field_name(f)}")
    imports = ["import vn.danvan.kit.contract.DomainEvent;", "import vn.danvan.kit.contract.EventType;"]
    if any(F[f][0] == "Instant" for f in fields):
        imports.insert(0, "import java.time.Instant;")
    java = f"""package {PKG};

{chr(10).join(imports)}

/** {doc[0].upper() + doc[1:]}. No personal data. Generated from infra/codegen/feedback_events.py. */
@EventType(value = "vn.danvan.feedback.{name}", version = 1)
public record {name}(
        {(","+chr(10)+"        ").join(comps)})
        implements DomainEvent {{

    @Override
    public String aggregateId() {{
        return feedbackId;
    }}
}}
"""
    open(f"{OUT_JAVA}/{name}.java", "w").write(java)
    props, required, example = {}, [], {}
    for f in fields:
        jt, schema, ex, nullable = F[f]
        props[field_name(f)] = schema
        if not nullable:
            required.append(field_name(f))
        example[field_name(f)] = ex
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:danvan:schema:vn.danvan.feedback.{name}.v1",
        "title": name,
        "description": doc,
        "x-cloudevents-type": f"vn.danvan.feedback.{name}.v1",
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": props,
    }
    open(f"{OUT_RES}/{name}.schema.json", "w").write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    open(f"{OUT_RES}/{name}.example.json", "w").write(json.dumps(example, indent=2, ensure_ascii=False) + "\n")

rows = "\n".join(f"| `vn.danvan.feedback.{n}.v1` | {d} | {', '.join(field_name(f) for f in fs)} |" for n, d, fs in EVENTS)
print(rows)  # the rows of docs/events.md
print(f"{len(EVENTS)} events written")
