package fields

import (
	"testing"
	"time"
)

func TestRoles(t *testing.T) {
	tests := []struct {
		name        string
		role, guess Role
		day         int
	}{
		{"Nom", Name, None, -1}, {"TITRE", Name, None, -1}, {"Téléphone", Phone, None, -1}, {"e-mail", Email, None, -1},
		{"Code postal", Postcode, None, -1}, {"lib_com", City, None, -1}, {"Site web", Website, None, -1},
		{"Latitude", Lat, None, -1}, {"lng", Lon, None, -1}, {"geo_point_2d", LatLon, None, -1},
		{"Date de début", Start, None, -1}, {"id_fs", None, ID, -1}, {"osm_id", None, ID, -1},
		{"lib_fs", None, Name, -1}, {"h_lundi", None, None, 0}, {"Horaires dimanche", None, None, 6}, {"surface", None, None, -1},
	}
	for _, tt := range tests {
		if got, guess, day := RoleOf(tt.name), Guess(tt.name), Day(tt.name); got != tt.role || guess != tt.guess || day != tt.day {
			t.Errorf("%q: got role %q, guess %q, day %d, want %q, %q, %d", tt.name, got, guess, day, tt.role, tt.guess, tt.day)
		}
	}
}

func TestCoordinates(t *testing.T) {
	tests := []struct {
		in       string
		lat, lon float64
		ok       bool
	}{
		{"48.93, 2.35", 48.93, 2.35, true}, {"48,93;2,35", 48.93, 2.35, true}, {"[48.93 2.35]", 48.93, 2.35, true},
		{"48.93", 0, 0, false}, {"91, 2", 0, 0, false}, {"NaN, 2", 0, 0, false}, {"a, b", 0, 0, false},
	}
	for _, tt := range tests {
		p, ok := ParseLatLon(tt.in)
		if ok != tt.ok || (ok && (p.Lat != tt.lat || p.Lon != tt.lon)) {
			t.Errorf("%q: got %+v, %v, want %v, %v, %v", tt.in, p, ok, tt.lat, tt.lon, tt.ok)
		}
	}
	if v, ok := Coordinate(" 48,9167 "); !ok || v != 48.9167 {
		t.Errorf("decimal comma: got %v, %v, want 48.9167", v, ok)
	}
	if _, ok := Coordinate("1,234,5"); ok {
		t.Error("got 1,234,5 read as a number, want refused")
	}
}

func TestTime(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	tests := []struct {
		in            string
		want          time.Time
		allDay, zoned bool
	}{
		{"2025-05-17T14:30:00Z", time.Date(2025, 5, 17, 14, 30, 0, 0, time.UTC), false, true},
		{"2025-05-17T14:30+02:00", time.Date(2025, 5, 17, 12, 30, 0, 0, time.UTC), false, true},
		{"2025-05-17T14:30", time.Date(2025, 5, 17, 14, 30, 0, 0, paris), false, false},
		{"17/05/2025 14h30", time.Date(2025, 5, 17, 14, 30, 0, 0, paris), false, false},
		{"17/05/2025", time.Date(2025, 5, 17, 0, 0, 0, 0, paris), true, false},
		{"20250517T143000Z", time.Date(2025, 5, 17, 14, 30, 0, 0, time.UTC), false, true},
	}
	for _, tt := range tests {
		got, allDay, zoned, ok := Time(tt.in, "")
		if !ok || !got.Equal(tt.want) || allDay != tt.allDay || zoned != tt.zoned {
			t.Errorf("%q: got %v all-day %v zoned %v ok %v, want %v %v %v", tt.in, got, allDay, zoned, ok, tt.want, tt.allDay, tt.zoned)
		}
	}
	if _, _, _, ok := Time("demain", ""); ok {
		t.Error("got \"demain\" read as a date, want refused")
	}
}

func TestJoinAddress(t *testing.T) {
	tests := []struct{ street, postcode, city, country, want string }{
		{"5 rue Edmond Proust", "79120", "Chenay", "FR", "5 rue Edmond Proust, 79120 Chenay, FR"},
		{"", "93200", "Saint-Denis", "", "93200 Saint-Denis"},
		{"2 place du Caquet 93200 Saint-Denis", "93200", "Saint-Denis", "", "2 place du Caquet 93200 Saint-Denis"},
		{"  1  rue\nX ", "", "", "", "1 rue X"},
	}
	for _, tt := range tests {
		if got := JoinAddress(tt.street, tt.postcode, tt.city, tt.country); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestItemEventAllDayEnd(t *testing.T) {
	it, problem := Item([]Pair{{Name: "titre", Value: "Fête"}, {Name: "début", Value: "2025-06-21"}, {Name: "fin", Value: "2025-06-22"}}, "events", "line 2")
	if problem != nil || it.Event == nil || !it.Event.AllDay {
		t.Fatalf("got %+v, %v, want an all-day event", it.Event, problem)
	}
	if days := it.Event.End.Sub(it.Event.Start).Hours() / 24; days != 2 {
		t.Errorf("got %v days, want 2 (the last day included)", days)
	}
	if it.Event.TimeZone != "Europe/Paris" {
		t.Errorf("got zone %q, want the default zone for dates without offset", it.Event.TimeZone)
	}
}
