package sources

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// A run lists at most MaxRunErrors refused items, and says how many more there were.
func TestRunErrorsAreBounded(t *testing.T) {
	sum := importer.Summary{Errors: make([]importer.ItemError, MaxRunErrors+7)}
	run := core.NewRecord(core.NewBaseCollection(s.ImportRuns))
	setCounts(run, sum)
	errs, ok := run.Get(s.FieldRunErrors).([]importer.ItemError)
	if !ok || len(errs) != MaxRunErrors+1 {
		t.Fatalf("got %d listed errors, want %d and a last entry", len(errs), MaxRunErrors+1)
	}
	if last := errs[MaxRunErrors].Message; !strings.Contains(last, "7") {
		t.Errorf("last entry %q, want the count of the 7 others", last)
	}
	if len(sum.Errors) != MaxRunErrors+7 {
		t.Errorf("the summary's own list changed: %d", len(sum.Errors))
	}
}
