package revisions

// What the trigger equivalence test compares: the general changes expression and the one a
// create or a delete uses.
var (
	BothSidesChanges = bothSidesChanges
	OneSideChanges   = oneSideChanges
)
