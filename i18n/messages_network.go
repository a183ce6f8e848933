package i18n

// The network of cooperations' messages (package network): why a link is refused, and the
// words of its exports.
func init() {
	add(map[string]Text{
		"link_node_missing": {
			FR: "Cette fiche n'existe pas, ou vous ne pouvez pas la voir : choisissez une organisation, une initiative ou une communauté que vous voyez.",
			EN: "This record does not exist, or you cannot see it: choose an organisation, initiative or community you can see.",
		},
		"link_not_source_editor": {
			FR: "Vous ne pouvez proposer un lien qu'au nom d'une fiche que vous pouvez modifier (son auteur, un membre de l'organisation, un coordinateur de la communauté).",
			EN: "You can only propose a link on behalf of a record you may edit (its author, a member of the organisation, a coordinator of the community).",
		},
		"link_same_node": {
			FR: "Un lien relie deux fiches différentes.",
			EN: "A link joins two different records.",
		},
		"network_type_unknown": {
			FR: "Type de lien inconnu : partnership, membership, funding, sharedPlace, supply ou other.",
			EN: "Unknown link type: partnership, membership, funding, sharedPlace, supply or other.",
		},
		"network_export_description": {
			FR: "Le réseau des coopérations du territoire (Maillage) : les liens confirmés par les deux parties.",
			EN: "The territory's network of cooperations (Maillage): the links both sides confirmed.",
		},
		"network_kind_organisations": {FR: "Organisation", EN: "Organisation"},
		"network_kind_initiatives":   {FR: "Initiative", EN: "Initiative"},
		"network_kind_communities":   {FR: "Communauté", EN: "Community"},
		"network_type_partnership":   {FR: "Partenariat", EN: "Partnership"},
		"network_type_membership":    {FR: "Adhésion", EN: "Membership"},
		"network_type_funding":       {FR: "Financement", EN: "Funding"},
		"network_type_sharedPlace":   {FR: "Lieu partagé", EN: "Shared place"},
		"network_type_supply":        {FR: "Approvisionnement", EN: "Supply"},
		"network_type_other":         {FR: "Autre", EN: "Other"},
	})
}
