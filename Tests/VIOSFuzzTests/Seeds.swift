import VIOSCore

/// Valid documents of every kind: the fuzzer's starting points. Copied from
/// the checks' fixtures (Tests/VIOSChecksTests/Fixtures.swift) plus a
/// Markdown-rich handreiking and a plan in the other built-in structure,
/// so every construct the parser knows is in some seed.
struct Seed: Sendable {
    var path: String
    var collection: Collection
    var slug: String
    var text: String
}

enum Seeds {
    static let plan = Seed(path: "Content/scholen/de-linde/veiligheidsplan.md", collection: .scholen, slug: "de-linde", text: """
        ---
        type: veiligheidsplan
        school: Basisschool De Linde
        brin: 12AB00
        gemeente: arnhem
        onderwijs: po
        structuur: sass
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2026-09-01
        convenant: vios-arnhem
        kernteam: [politie, jongerenwerk]
        samenvatting: Hoe De Linde werkt aan een veilige school.
        contacten:
          - rol: anti-pestcoordinator
            naam: Anna Jansen
            email: a.jansen@delinde.example.nl
            telefoon: "026-1234567"
          - rol: aanspreekpunt-pesten
            naam: Anna Jansen
        monitoring:
          instrument: Monitor sociale veiligheid
          laatste-meting: 2025-10-15
        ---

        De Linde is een basisschool in Arnhem. Zie ook het [incidentprotocol](incidentprotocol.md).

        ## Doel, visie en kernwaarden

        Iedereen voelt zich veilig op De Linde.

        ## Sociale veiligheid en medewerkers

        Medewerkers volgen elk jaar een training.

        ## Sociale veiligheid en leerlingen

        Leerlingen maken samen klassenafspraken.

        ## Sociale veiligheid en zorgstructuur school

        Het ondersteuningsteam bespreekt zorgen over veiligheid.

        ## Monitoring

        Elk najaar vullen leerlingen de monitor in.

        ## Toezicht

        Op het plein lopen in elke pauze twee pleinwachten.

        """)

    static let incidentProtocol = Seed(path: "Content/scholen/de-linde/incidentprotocol.md", collection: .scholen, slug: "de-linde", text: """
        ---
        type: incidentprotocol
        school: de-linde
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2026-09-01
        escalatie:
          - situatie: Acuut gevaar
            actie: Bel 112
            wie: Iedere medewerker
            contact: "112"
          - situatie: Bedreiging zonder spoed
            actie: Melden bij de wijkagent
            wie: Veiligheidscoördinator
            contact: 0900-8844
        ---

        Dit protocol hoort bij het [veiligheidsplan](veiligheidsplan.md#monitoring).

        ## Doel en reikwijdte

        Voor elk incident in en om de school.

        ## Melden

        Meld elk incident dezelfde dag.

        ## Direct handelen

        Maak de situatie veilig.

        ## Informeren

        De mentor belt de ouders.

        ## Registreren

        Elk incident komt in het leerlingvolgsysteem.

        ## Nazorg

        Het slachtoffer krijgt binnen een week een gesprek.

        ## Evaluatie

        Het protocol wordt elk jaar besproken.

        """)

    static let convenant = Seed(path: "Content/convenanten/vios-arnhem.md", collection: .convenanten, slug: "vios-arnhem", text: """
        ---
        type: convenant
        titel: Convenant VIOS-Arnhem
        gemeente: arnhem
        ondertekend: 2024-01-15
        geldig-tot: 2027-12-31
        volgende-evaluatie: 2026-06-30
        partners:
          - naam: Gemeente Arnhem
            soort: gemeente
          - naam: Politie Oost-Nederland
            soort: politie
        ---

        ## Doelstelling en visie

        Samen zorgen voor een veilige school en schoolomgeving.

        ## Rollen en verantwoordelijkheden

        De gemeente heeft de regie.

        ## Samenwerkingsafspraken

        Het kernteam komt elke maand bij elkaar.

        ## Informatie-uitwisseling

        Partners delen alleen wat nodig is, volgens de AVG.

        ## Evaluatie

        Elk jaar in juni.

        """)

    static let handreiking = Seed(path: "Content/handreikingen/vapes-op-school.md", collection: .handreikingen, slug: "vapes-op-school", text: """
        ---
        type: handreiking
        titel: Handel in vapes op school
        samenvatting: Een leerling verkoopt vapes in de pauze.
        themas: [vapes]
        doelgroep: [docenten, mentoren]
        bijgewerkt: 2025-06-01
        ---

        ## Casus

        Een leerling van 14 jaar verkoopt vapes aan klasgenoten.

        ## Signalen

        Leerlingen hebben opvallend veel geld of nieuwe spullen.

        ## Handelingsperspectief

        De mentor gaat in gesprek met de leerling en informeert de ouders.

        ## Partners

        Politie en jongerenwerk via het [kernteam](../elementen/kernteam.md).

        """)

    static let gemeente = Seed(path: "Content/gemeenten/arnhem.md", collection: .gemeenten, slug: "arnhem", text: """
        ---
        type: gemeente
        titel: VIOS-Arnhem
        naam: Arnhem
        cbs-code: GM0202
        model: arnhems
        elementen: [schoolveiligheidsplan, kernteam, signaleringsoverleg]
        fase: uitvoering
        gestart: 2015-09
        bereik:
          po: 10
          vo: 12
          toelichting: Scholen met een kernteam.
        ---

        ## Aanpak

        Elke school heeft een kernteam.

        ## Opbrengsten

        Korte lijnen tussen school en partners.

        """)

    static let element = Seed(path: "Content/elementen/kernteam.md", collection: .elementen, slug: "kernteam", text: """
        ---
        type: element
        titel: Kernteam
        element: kernteam
        ---

        ## Inhoud

        Een kernteam bespreekt trends en signalen rond één school.

        ## Actoren

        School, politie, jongerenwerk en leerplicht.

        ## Opbrengsten

        Signalen komen sneller bij de juiste partner.

        ## Aandachtspunten

        Maak afspraken over informatie-uitwisseling.

        """)

    /// Every Markdown construct in one valid handreiking: tables, lists,
    /// quotes, code, links of every kind, images, task lists, comments.
    static let rich = Seed(path: "Content/handreikingen/rijke-opmaak.md", collection: .handreikingen, slug: "rijke-opmaak", text: """
        ---
        type: handreiking
        titel: "Rijke opmaak: tabellen, lijsten en meer"
        samenvatting: >
          Een casus met alles wat Markdown kan,
          over twee regels.
        themas:
          - pesten
          - sociale-media
        doelgroep: [docenten, mentoren, ouders]
        bijgewerkt: 2025-06-01
        ---

        Inleiding met *nadruk*, **vet**, ~~doorgehaald~~ en `code`.
        Een harde regelafbreking\\
        en een [link naar het plan](../scholen/de-linde/veiligheidsplan.md#monitoring).

        ## Casus

        > Een citaat van een mentor,
        > over twee regels.
        >
        > > En een citaat in een citaat.

        ![Het plein](../img/plein.jpg "Titel")

        ## Signalen

        - Eerste signaal
          - genest signaal met [referentie][kern]
            1. genummerd
        - [ ] open taak
        - [x] afgeronde taak

        | Signaal | Wie | Actie |
        |:--|:-:|--:|
        | Geld | mentor | gesprek |
        | `code` | **vet** | [link](https://example.nl) |

        ## Handelingsperspectief

        ```swift
        let x = "<script>niet uitgevoerd</script>"
        ```

            ingesprongen code

        <!-- een opmerking voor de redactie -->

        Zie <https://www.example.nl/pad?x=1&y=2>, www.example.nl en de [bijlage](../bijlagen/convenant.pdf).

        ## Partners

        Politie en jongerenwerk via het [kernteam][kern].

        ---

        [kern]: ../elementen/kernteam.md "Kernteam"

        """)

    /// A plan in the other built-in structure.
    static let planDigitaal = Seed(path: "Content/scholen/het-baken/veiligheidsplan.md", collection: .scholen, slug: "het-baken", text: """
        ---
        type: veiligheidsplan
        school: Het Baken
        brin: 34CD
        gemeente: arnhem
        onderwijs: vo
        structuur: digitaal-veiligheidsplan
        vastgesteld: 2025-09-01
        volgende-evaluatie: 2026-09-01
        contacten:
          - rol: anti-pestcoordinator
            naam: B. de Vries
          - rol: aanspreekpunt-pesten
            naam: C. Bakker
            telefoon: 026-7654321
        monitoring: {instrument: Vragenlijst, laatste-meting: 2025-11-01}
        ---

        ## 1. Visie, kernwaarden en afspraken

        Tekst.

        ## 2. Inzicht in veiligheidsbeleving

        Tekst.

        ## 3. Scheppen van voorwaarden

        Tekst.

        ## 4. Positief pedagogisch handelen

        Tekst.

        ## 5. Preventieve activiteiten en programma's

        Tekst.

        ## 6. Tijdig signaleren en effectief handelen

        Tekst.

        """)

    static let all: [Seed] = [plan, incidentProtocol, convenant, handreiking, gemeente, element, rich, planDigitaal]

    static let siteYML = """
        titel: Kennisbank Veilig in en om School
        base-url: https://kennisbank.example.nl/
        taal: nl
        organisatie: Stichting Voorbeeld
        beschrijving: Alles over veiligheid in en om school.
        contact:
          email: info@example.nl
          telefoon: 026-1234567
          adres: Straat 1, 6811 AB Arnhem

        """
}
