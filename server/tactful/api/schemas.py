"""The /v1 request and response shapes; the OpenAPI document is generated from these."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from ..engine.rules import CHANNELS, LAYERS

SEVERITIES = ("error", "warning", "suggestion")
_CATEGORY = {"description": "One of the category ids GET /v1/rules lists under 'categories' (core and team packs).",
             "example": "dismissive"}
_PHONE = r"^\+?[0-9 ()./-]{5,30}$"


class JsonBoolean(fields.Boolean):
    """``true`` or ``false`` only: marshmallow's Boolean also takes 0, 1, "yes" and "on"."""

    def _deserialize(self, value: object, attr: str | None, data: object, **kwargs: object) -> bool:
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


class ContactSchema(StrictSchema):
    name = fields.String(validate=validate.Length(max=100), allow_none=True, metadata={"example": "Sam Lee"})
    phone = fields.String(
        validate=validate.Regexp(_PHONE, error="Not a phone number (digits, spaces, + ( ) . / - only)."),
        allow_none=True, metadata={"example": "+44 20 7946 0958"},
    )
    email = fields.Email(allow_none=True, metadata={"example": "sam@example.com"})


class CheckRequestSchema(StrictSchema):
    text = fields.String(required=True, metadata={
        "description": "The agent's draft reply: some text that is not only white space, at most 20,000 characters.",
        "minLength": 1, "pattern": r"\S",
    })
    channel = fields.String(load_default="generic", validate=validate.OneOf(CHANNELS))
    customer_message = fields.String(
        allow_none=True, load_default=None,
        metadata={"description": "The customer's last message; without it the reply is assumed to answer a complaint."},
    )
    contact = fields.Nested(ContactSchema, load_default=dict, metadata={
        "description": "The agent's own details. A contact sentence is offered only with a phone or an email (on X, a DM invitation needs neither); without them the finding is advice only.",
    })
    follow_up = fields.String(
        allow_none=True, load_default=None, validate=validate.Length(min=1, max=40),
        metadata={"description": "When the agent will follow up, as it should read after “by” (“Friday”, “5pm today”). Without it the next-step sentence promises an update without a day.", "example": "Friday"},
    )
    disabled_rules = fields.List(fields.String(validate=validate.Length(min=1, max=100)), load_default=list)
    categories = fields.List(fields.String(metadata=_CATEGORY), allow_none=True, load_default=None,
                             metadata={"description": "Only findings of these categories."})
    grammar = JsonBoolean(load_default=True, metadata={"description": "Run grammar and spelling checks when a grammar backend is configured."})
    language = fields.String(load_default=None, metadata={
        "description": "The English dialect the reply is written in: one of the ids GET /v1/rules lists under 'dialects' "
                       "(the first, en-US, when not given). LanguageTool spells by it, and Tactful's own messages, "
                       "fixes and inserted sentences are spelled in it.",
        "example": "en-GB",
    })


class SuggestionSchema(Schema):
    text = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(("replace", "insert")))
    offset = fields.Integer(required=True, metadata={"description": "Code points (Python str index)."})
    length = fields.Integer(required=True)
    offset_utf16 = fields.Integer(required=True, metadata={"description": "UTF-16 code units (JavaScript string index)."})
    length_utf16 = fields.Integer(required=True)
    label = fields.String(required=True)
    preview = fields.String(required=True, metadata={"description": "The sentence as it will read after this fix, to show before it is applied."})


class FindingSchema(Schema):
    rule = fields.String(required=True)
    category = fields.String(required=True, metadata=_CATEGORY)
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    message = fields.String(required=True)
    scope = fields.String(required=True, validate=validate.OneOf(("span", "reply")),
                          metadata={"description": "'reply' findings (missing apology…) have no span; their suggestion inserts a sentence."})
    source = fields.String(required=True, metadata={"example": "tactful"})
    offset = fields.Integer(required=True)
    length = fields.Integer(required=True)
    offset_utf16 = fields.Integer(required=True)
    length_utf16 = fields.Integer(required=True)
    text = fields.String(required=True, metadata={"description": "Exactly the flagged slice of the reply."})
    suggestions = fields.List(fields.Nested(SuggestionSchema), required=True)
    needs = fields.List(fields.String(), required=True, metadata={
        "description": "Details the fix would state and the request did not give (\"contact\"): ask the agent once, then send them.",
    })


class SignalSchema(Schema):
    signal = fields.String(required=True, metadata={"example": "signal-breach"})
    text = fields.String(required=True)


class ProblemSchema(Schema):
    problem = fields.String(required=True, metadata={"example": "problem-charged-twice"})
    text = fields.String(required=True, metadata={"description": "The customer's words that name it.", "example": "charged me twice"})
    sorry = fields.String(required=True, metadata={"description": "How an apology names it.", "example": "you were charged twice"})


class CustomerSchema(Schema):
    upset = fields.Boolean(required=True, metadata={"description": "Whether the reply should meet an upset customer (apology, contact, acknowledgement)."})
    confidence = fields.Float(required=True, validate=validate.Range(0, 1), metadata={
        "description": "Calibrated probability of this reading (the upset threshold, TACTFUL_UPSET_THRESHOLD, is 0.4 by default, so an upset reading can be under 0.5).",
        "example": 0.87,
    })
    signals = fields.List(fields.Nested(SignalSchema), required=True, metadata={"description": "The phrases the signal rules matched."})
    reasons = fields.List(fields.String(), required=True, metadata={
        "description": "Why, one line each: the learned reading first, then each kind of signal with its words.",
        "example": ["Reads like a complaint (87% sure)", "Says something went wrong: “never arrived”"],
    })
    problems = fields.List(fields.Nested(ProblemSchema), required=True, metadata={
        "description": "What went wrong, best first (at most two): inserted apologies and acknowledgements name it.",
    })


class GrammarStatusSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(("ok", "skipped", "off", "unavailable")))
    reason = fields.String(allow_none=True)


class StatsSchema(Schema):
    characters = fields.Integer(required=True)
    words = fields.Integer(required=True)
    elapsed_ms = fields.Float(required=True)


class CheckResponseSchema(Schema):
    findings = fields.List(fields.Nested(FindingSchema), required=True)
    customer = fields.Nested(CustomerSchema, allow_none=True)
    rewrite = fields.String(required=True, metadata={"description": "The reply with the first suggestion of every finding applied (on X, the inserts that fit, most severe first)."})
    rewrite_fixes = fields.List(fields.String(), required=True, metadata={"description": "The rules whose fix the rewrite carries; checking the rewrite finds none of them again."})
    score = fields.Integer(required=True, validate=validate.Range(0, 100))
    score_reason = fields.String(required=True)
    grammar = fields.Nested(GrammarStatusSchema, required=True)
    stats = fields.Nested(StatsSchema, required=True)


class RuleSchema(Schema):
    id = fields.String(required=True)
    kind = fields.String(required=True)
    category = fields.String(required=True)
    severity = fields.String(required=True)
    message = fields.String(required=True)
    description = fields.String(required=True)
    channels = fields.List(fields.String(), required=True)
    customer = fields.String(required=True, metadata={"description": "'upset' when the rule only applies to upset customers."})


class CategorySchema(Schema):
    id = fields.String(required=True, metadata={"example": "dismissive"})
    label = fields.String(required=True, metadata={"example": "Dismissive"})
    colour = fields.String(required=True, metadata={"example": "#d93025"})
    layer = fields.String(required=True, validate=validate.OneOf(LAYERS), metadata={
        "description": "tone: the reply's words and moves; proofreading: spelling, grammar and style; reading: the customer's message."})


class DialectSchema(Schema):
    id = fields.String(required=True, metadata={"example": "en-GB"})
    label = fields.String(required=True, metadata={"example": "English (UK)"})


class RulesResponseSchema(Schema):
    rules = fields.List(fields.Nested(RuleSchema), required=True)
    categories = fields.List(fields.Nested(CategorySchema), required=True, metadata={
        "description": "Every finding category in the order to show them, with its label and colour."})
    dialects = fields.List(fields.Nested(DialectSchema), required=True, metadata={
        "description": "The dialects a check may name as 'language', in the order to offer them; the first is the default."})


class HealthSchema(Schema):
    status = fields.String(required=True)
    version = fields.String(required=True)
    rules = fields.Integer(required=True)
    grammar = fields.Nested(GrammarStatusSchema, required=True)


class ErrorDetailSchema(Schema):
    code = fields.String(required=True, metadata={"example": "invalid_field"})
    message = fields.String(required=True)
    field = fields.String(allow_none=True, metadata={"example": "contact.email"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)
