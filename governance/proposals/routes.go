package proposals

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Paths of the routes.
const (
	PathBallot  = "/api/maillage/proposals/{id}/ballot"
	PathResults = "/api/maillage/proposals/{id}/results"
)

// maxBody bounds a ballot request.
const maxBody = 64 << 10

// BallotRequest is the body of POST PathBallot: the choices, and the receipt to change a
// secret ballot.
type BallotRequest struct {
	Choices Choices  `json:"choices"`
	Receipt *Receipt `json:"receipt,omitempty"`
}

func bindRoutes(se *core.ServeEvent) {
	se.Router.POST(PathBallot, func(e *core.RequestEvent) error { return answer(e, serveBallot(e)) }).
		Bind(apis.BodyLimit(maxBody))
	se.Router.GET(PathResults, func(e *core.RequestEvent) error { return answer(e, serveResults(e)) })
	follow := func(e *core.RequestEvent) error { return answer(e, serveFollow(e)) }
	se.Router.GET(PathFollow, follow)
	se.Router.PUT(PathFollow, follow).Bind(apis.BodyLimit(maxBody))
}

// readable finds the proposal of the path if the requester may view it.
func readable(e *core.RequestEvent) (*core.Record, error) {
	p, err := e.App.FindRecordById(s.Proposals, e.Request.PathValue("id"))
	if err != nil {
		return nil, errNotFound
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, err
	}
	if ok, err := e.App.CanAccessRecord(p, info, p.Collection().ViewRule); err != nil || !ok {
		return nil, errNotFound
	}
	return p, nil
}

// serveBallot answers POST PathBallot: {"receipt":{id,token}} for a first secret ballot,
// {"receipt":null} otherwise.
func serveBallot(e *core.RequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != "users" {
		return errSignIn
	}
	p, err := readable(e)
	if err != nil {
		return err
	}
	var req BallotRequest
	if err := json.NewDecoder(e.Request.Body).Decode(&req); err != nil {
		return errBodyInvalid
	}
	receipt, err := Cast(e.App, p, e.Auth, req.Choices, req.Receipt, time.Now())
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"receipt": receipt})
}

// serveResults answers GET PathResults once the vote is closed, to whoever may read the
// proposal. During the vote nobody (moderators included) sees a count: partial results would
// sway the votes still to come.
func serveResults(e *core.RequestEvent) error {
	p, err := readable(e)
	if err != nil {
		return err
	}
	if p.GetString(s.FieldProposalPhase) != s.PhaseClosed {
		return errResultsNotYet
	}
	res, err := Results(e.App, p)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, res)
}
