package schema

// Collections of proposals and votes (governance/proposals).
const (
	Proposals  = "proposals"
	Votes      = "votes"
	VoteRoll   = "voteRoll"
	Amendments = "amendments"
)

// Fields of proposals. A proposal's community is the common FieldCommunity (empty: the whole
// territory), its author the common FieldAuthor.
const (
	FieldProposalTitle           = "title"
	FieldProposalText            = "text"
	FieldProposalPhase           = "phase"
	FieldProposalConsultationEnd = "consultationEnd"
	FieldProposalVoteEnd         = "voteEnd"
	FieldProposalMethod          = "method"
	FieldProposalOptions         = "options"
	FieldProposalSecret          = "secret"
	FieldProposalColleges        = "colleges"
)

// Phases of a proposal, in order.
const (
	PhaseDraft        = "draft"
	PhaseConsultation = "consultation"
	PhaseVote         = "vote"
	PhaseClosed       = "closed"
)

// ProposalPhases lists the phases in order.
var ProposalPhases = []string{PhaseDraft, PhaseConsultation, PhaseVote, PhaseClosed}

// Methods of a proposal (the tally package's names).
const (
	MethodApproval          = "approval"
	MethodMajorityJudgement = "majorityJudgement"
)

// Fields of a ballot (votes) and of the roll (voteRoll). A ballot names its voter only when
// the proposal is not secret; a secret ballot keeps instead the hash of the receipt token its
// voter's device holds. Ballots have no created/updated fields.
const (
	FieldBallotProposal    = "proposal"
	FieldBallotChoices     = "choices"
	FieldBallotVoter       = "voter"
	FieldBallotCollege     = "college"
	FieldBallotReceiptHash = "receiptHash"
)

// Fields of amendments: the proposal, the common FieldAuthor, the text and a status.
const (
	FieldAmendmentProposal = "proposal"
	FieldAmendmentText     = "text"
	FieldAmendmentStatus   = "status"
)

// Statuses of an amendment.
const (
	AmendmentProposed = "proposed"
	AmendmentAccepted = "accepted"
	AmendmentDeclined = "declined"
)

// FieldUserCollege is the college a person belongs to, for proposals voted by college.
const FieldUserCollege = "college"

// Colleges a person may belong to.
var Colleges = []string{"inhabitants", "publicActors", "privateActors", "facilitators"}

// ProposalFollowers holds the explicit choices to follow a proposal or not (governance/
// proposals): one row per person and proposal, `follow` true or false. Who follows without
// choosing is worked out (the author, who commented, amended or cast an open ballot).
const ProposalFollowers = "proposalFollowers"

// Fields of proposalFollowers.
const (
	FieldFollowerProposal = "proposal"
	FieldFollowerUser     = "user"
	FieldFollowerFollow   = "follow"
)
