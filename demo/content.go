package demo

import (
	"fmt"

	"github.com/maillage/maillage/demo/dataset"
	s "github.com/maillage/maillage/schema"
)

func (l *loader) loadOrganisations() (int, error) {
	f, added := s.ContentFields, 0
	for _, o := range l.d.Organisations {
		ok, err := l.save(s.Organisations, o.Common, map[string]any{
			f.Name: o.Name, f.Address: o.Address, f.Contact: o.Contact, f.Website: o.Website,
		})
		if err != nil {
			return added, err
		}
		added += count(ok)
	}
	return added, nil
}

func (l *loader) loadInitiatives() (int, error) {
	f, added := s.ContentFields, 0
	for _, in := range l.d.Initiatives {
		org, err := l.ref(in.Organisation)
		if err != nil {
			return added, err
		}
		ok, err := l.save(s.Initiatives, in.Common, map[string]any{
			f.Name: in.Name, f.Address: in.Address, f.Contact: in.Contact, f.Website: in.Website,
			s.InitiativeFields.OpeningHours: in.OpeningHours, s.InitiativeFields.Organisation: org,
		})
		if err != nil {
			return added, err
		}
		added += count(ok)
	}
	return added, nil
}

func (l *loader) loadEvents() (int, error) {
	added := 0
	for _, e := range l.d.Events {
		fields, err := l.eventFields(e)
		if err != nil {
			return added, fmt.Errorf("event %s: %w", e.ExternalID, err)
		}
		ok, err := l.save(s.Events, e.Common, fields)
		if err != nil {
			return added, err
		}
		added += count(ok)
	}
	return added, nil
}

func (l *loader) eventFields(e dataset.Event) (map[string]any, error) {
	f := s.EventFields
	start, err := parseTime(e.Start)
	if err != nil {
		return nil, err
	}
	end, err := parseTime(e.End)
	if err != nil {
		return nil, err
	}
	initiative, err := l.ref(e.Initiative)
	if err != nil {
		return nil, err
	}
	organiser, err := l.ref(e.Organiser)
	if err != nil {
		return nil, err
	}
	fields := map[string]any{
		s.ContentFields.Title: e.Title, f.Start: start, f.Timezone: e.Timezone, f.RRule: e.RRule,
		f.Place: e.Place, f.Price: e.Price, f.Initiative: initiative, f.Organiser: organiser,
	}
	if !end.IsZero() {
		fields[f.End] = end
	}
	return fields, nil
}

func (l *loader) loadOffers() (int, error) {
	f, added := s.OfferFields, 0
	for _, o := range l.d.Offers {
		expires, err := parseTime(o.Expires)
		if err != nil {
			return added, fmt.Errorf("offer %s: %w", o.ExternalID, err)
		}
		ok, err := l.save(s.Offers, o.Common, map[string]any{
			s.ContentFields.Title: o.Title, f.Kind: o.Kind, f.Mode: o.Mode, f.Price: o.Price,
			f.CurrencyAmount: o.CurrencyAmount, f.State: s.OfferOpen, f.Expires: expires,
		})
		if err != nil {
			return added, err
		}
		added += count(ok)
	}
	return added, nil
}

func count(added bool) int {
	if added {
		return 1
	}
	return 0
}
