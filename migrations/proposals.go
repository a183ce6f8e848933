package migrations

// Rules of proposals and amendments (governance/proposals). A draft is its author's alone;
// from consultation on, a proposal of the whole territory (no community) is public and a
// community's proposal is for its members and moderators. The author opens the consultation
// (draft → consultation); later phases are the cron job's. During consultation the author
// still edits the title, text and options (to take amendments in), not the method, deadlines
// or kind of ballot. Amendments are proposed by whoever may take part during consultation and
// accepted or declined by the proposal's author (an update rule must pass an empty body: the
// refusal explanations of hooks/refusals.go assume it). Ballots have no rules: routes only.
const (
	proposalMember     = `community.memberships_via_community.user ?= @request.auth.id`
	proposalReach      = `(community = "" || ` + proposalMember + ` || ` + ruleModerator + `)`
	proposalsRead      = ruleAuthor + ` || (phase != "draft" && ` + proposalReach + `)`
	proposalsCreate    = ruleSignedIn + ` && author = @request.auth.id && phase = "draft" && (community = "" || ` + proposalMember + ` || ` + ruleModerator + `)`
	proposalsUpdate    = ruleAuthor + ` && @request.body.author:changed = false && @request.body.community:changed = false && (` + proposalsDraftEdit + ` || ` + proposalsConsultationEdit + `)`
	proposalsDelete    = `(` + ruleAuthor + ` && phase = "draft") || (` + ruleModerator + ` && phase != "draft")`
	proposalsDraftEdit = `(phase = "draft" && (@request.body.phase:changed = false || @request.body.phase = "consultation"))`

	proposalsConsultationEdit = `(phase = "consultation" && @request.body.phase:changed = false && @request.body.method:changed = false` +
		` && @request.body.secret:changed = false && @request.body.colleges:changed = false` +
		` && @request.body.consultationEnd:changed = false && @request.body.voteEnd:changed = false)`

	// amendmentParticipant: who may take part in the amendment's proposal.
	amendmentParticipant = `(proposal.community = "" || proposal.community.memberships_via_community.user ?= @request.auth.id)`
	amendmentsRead       = ruleAuthor + ` || proposal.author = @request.auth.id || (proposal.phase != "draft" && (` +
		amendmentParticipant + ` || ` + ruleModerator + `))`
	amendmentsCreate = ruleSignedIn + ` && author = @request.auth.id && status = "proposed" && proposal.phase = "consultation" && ` + amendmentParticipant
	amendmentsUpdate = `proposal.phase = "consultation" && status = "proposed"` +
		` && @request.body.author:changed = false && @request.body.proposal:changed = false && (` + amendmentDecision + ` || ` + amendmentRewrite + `)`
	amendmentDecision = `(proposal.author = @request.auth.id && @request.body.text:changed = false)`
	amendmentRewrite  = `(` + ruleAuthor + ` && @request.body.status:changed = false)`
	amendmentsDelete  = `(` + ruleAuthor + ` && status = "proposed") || ` + ruleModerator
)
