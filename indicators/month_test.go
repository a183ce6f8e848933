package indicators

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
)

// TestMonthInTheTerritorysZone: a month starts at midnight in Paris, not in UTC (control: the
// hour before counts in the month before).
func TestMonthInTheTerritorysZone(t *testing.T) {
	for at, want := range map[time.Time]string{
		time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC): "2026-03", // 00:30 in Paris (UTC+1)
		time.Date(2026, 2, 28, 22, 30, 0, 0, time.UTC): "2026-02", // 23:30 in Paris
		time.Date(2026, 7, 31, 22, 30, 0, 0, time.UTC): "2026-08", // 00:30 in Paris (UTC+2)
	} {
		d, _ := types.ParseDateTime(at)
		if got := month(d); got != want {
			t.Errorf("%s: %s, want %s", at, got, want)
		}
	}
	if month(types.DateTime{}) != "" {
		t.Error("no date counts in no month")
	}
}
