package schema

// Collections of reports, the moderation queue and community validation
// (governance/moderation).
const (
	AuditLog        = "auditLog"
	Reports         = "reports"
	ModerationVotes = "moderationVotes"
)

// Fields shared by auditLog, reports and moderationVotes: what they are about is one record,
// named by its collection and id.
const (
	FieldTargetCollection = "collection"
	FieldTargetRecordID   = "recordId"
	FieldReason           = "reason"
)

// Fields of auditLog.
const (
	FieldAuditAction    = "action"
	FieldAuditActor     = "actor"
	FieldAuditActorKind = "actorKind"
	FieldAuditDetails   = "details"
)

// Who took a decision written to the audit log.
const (
	ActorModerator   = "moderator"
	ActorFacilitator = "facilitator"
	ActorAuthor      = "author"
	ActorCommunity   = "community"
	ActorSystem      = "system"
)

// ActorKinds are the values of auditLog.actorKind.
var ActorKinds = []string{ActorModerator, ActorFacilitator, ActorAuthor, ActorCommunity, ActorSystem}

// Fields of reports (their author is FieldAuthor). FieldReportState is open until a moderator
// reviews the reported item, then kept or removed; FieldReportHidden marks the reports whose
// count hid their target.
const (
	FieldReportState  = "state"
	FieldReportHidden = "hidden"
	// FieldReportExcerpt is the server's copy of the reported text as the reporter saw it, so
	// that moderators review what they may not otherwise read (a private message).
	FieldReportExcerpt = "excerpt"
)

// FieldHiddenByReports marks a message hidden by reports: only its author still lists it.
const FieldHiddenByReports = "hiddenByReports"

// Report states.
const (
	ReportOpen    = "open"
	ReportKept    = "kept"
	ReportRemoved = "removed"
)

// ReportStates are the values of reports.state.
var ReportStates = []string{ReportOpen, ReportKept, ReportRemoved}

// Fields of moderationVotes.
const (
	FieldVoteVoter = "voter"
	FieldVoteValue = "vote"
)

// Community votes on a pending contribution.
const (
	VoteValidate = "validate"
	VoteRefuse   = "refuse"
)

// ReportTargets are the collections whose records may be reported.
var ReportTargets = []string{Organisations, Initiatives, Events, Offers, Threads, Posts, Comments, Messages, Pages}
