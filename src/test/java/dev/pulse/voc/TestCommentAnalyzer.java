package dev.pulse.voc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The analyser's rules one by one, in English and Spanish. */
class TestCommentAnalyzer {
    private static CommentAnalyzer analyzer;

    @BeforeAll
    static void load() {
        analyzer = new CommentAnalyzer(new ThemeTaxonomy(ThemeTaxonomy.defaults()));
    }

    private static double sentiment(String text) {
        return analyzer.analyze(text).sentiment();
    }

    @Test
    void oneOpinionWordIsNormalisedAsVader() {
        // "good" is 1.9 in the VADER lexicon: 1.9 / sqrt(1.9^2 + 15)
        assertThat(analyzer.analyze("The service is good", Language.EN).sentiment()).isCloseTo(1.9 / Math.sqrt(1.9 * 1.9 + 15), within(1e-9));
    }

    @Test
    void negationFlipsAndDampens() {
        double good = sentiment("The support was good");
        double notGood = sentiment("The support was not good");
        assertThat(notGood).isNegative();
        // not good = 1.9 x -0.74 = -1.406 (before the negative weight of 2): normalised of -2.812
        assertThat(notGood).isCloseTo(-2.812 / Math.sqrt(2.812 * 2.812 + 15), within(1e-9));
        assertThat(sentiment("El soporte no fue bueno")).isNegative();
        assertThat(sentiment("No tuvimos ningún problema con la factura")).isPositive(); // negative concord: one negation
        assertThat(good).isPositive();
    }

    @Test
    void intensifiersRaiseAndSoftenersLower() {
        assertThat(sentiment("The support was very good")).isGreaterThan(sentiment("The support was good"));
        assertThat(sentiment("The support was somewhat good")).isLessThan(sentiment("The support was good"));
        assertThat(sentiment("El soporte fue muy bueno")).isGreaterThan(sentiment("El soporte fue bueno"));
    }

    @Test
    void theClauseAfterButWeighsMore() {
        assertThat(sentiment("The app is great, but billing is terrible")).isNegative();
        assertThat(sentiment("Billing is terrible, but the app is great")).isPositive();
        assertThat(sentiment("La app es excelente, pero la facturación es pésima")).isNegative();
    }

    @Test
    void emojiCarrySentiment() {
        assertThat(sentiment("Support 👍")).isPositive();
        assertThat(sentiment("Support again 😡")).isNegative();
        assertThat(sentiment("Portal :(")).isNegative();
    }

    @Test
    void repeatedEmojiCountOneByOneAndContactsAreNotWords() {
        assertThat(sentiment("👍👍👍")).isGreaterThan(sentiment("👍"));
        assertThat(analyzer.analyze("👍🏽").sentiment()).isPositive(); // with a skin tone
        CommentAnalysis contact = analyzer.analyze("Mr. Smith called 555-123-4567 and mail x@y.io about www.example.com/y");
        assertThat(contact.language()).isEqualTo(Language.EN);
        assertThat(contact.terms()).doesNotContain("y", "io", "555", "www");
    }

    @Test
    void negatedStatementsWithoutOpinionWordsAreComplaints() {
        assertThat(sentiment("The portal doesn't load")).isNegative();
        assertThat(sentiment("No me llamaron de vuelta")).isNegative();
    }

    @Test
    void fixedProblemsUnrealConditionsAndComparisons() {
        assertThat(sentiment("They fixed the outage quickly")).isPositive();
        assertThat(sentiment("Solucionaron el problema rápido")).isPositive();
        assertThat(sentiment("It would have been great if the portal worked")).isNegative();
        assertThat(sentiment("Podría haber sido mejor")).isNegative();
        assertThat(analyzer.analyze("It looks like a phone", Language.EN).sentiment()).isZero();
        assertThat(sentiment("I like the new portal")).isPositive();
        assertThat(sentiment("I couldn't be happier with the support")).isPositive();
        assertThat(sentiment("Don't waste your money on this plan")).isNegative();
    }

    @Test
    void ratingsInEitherLanguageMapOntoTheirScale() {
        double full = 3 / Math.sqrt(3 * 3 + 15);
        assertThat(analyzer.analyze("10/10", Language.EN).sentiment()).isCloseTo(full, within(1e-9));
        assertThat(analyzer.analyze("Support: 2/10.", Language.EN).sentiment()).isNegative();
        assertThat(analyzer.analyze("I give them 4 out of 5 stars", Language.EN).sentiment()).isPositive();
        assertThat(analyzer.analyze("Le doy 1 de 10.", Language.ES).sentiment()).isNegative();
        assertThat(analyzer.analyze("Cinco minutos de espera, 2 estrellas", Language.ES).sentiment()).isNegative();
        assertThat(analyzer.analyze("Atención 9/10", Language.ES).sentiment()).isPositive();
        // counts and dates are no ratings
        assertThat(analyzer.analyze("3 out of 5 calls drop", Language.EN).sentiment()).isNegative();
        assertThat(analyzer.analyze("On 3/10 they called", Language.EN).sentiment()).isZero();
        assertThat(analyzer.analyze("12 stars", Language.EN).sentiment()).isZero();
    }

    @Test
    void intentToLeaveAtBestAndDegreeWordsThatEndTheirClause() {
        assertThat(sentiment("We won't be going back anytime soon!")).isNegative();
        assertThat(sentiment("No volveré a contratarlos")).isNegative();
        assertThat(sentiment("Support was average at best")).isNegative();
        assertThat(sentiment("El soporte fue bueno en el mejor de los casos")).isNegative();
        assertThat(analyzer.analyze("The new portal loads super!", Language.EN).sentiment()).isPositive();
        assertThat(analyzer.analyze("Very disapointing", Language.EN).sentiment()).isZero(); // "very" modifies, even a typo
        assertThat(sentiment("Setup is simple and the app works as usual")).isPositive();
    }

    @Test
    void themesAreSentimentPerClause() {
        CommentAnalysis a = analyzer.analyze("Support answered quickly and was great, but the invoice was wrong again.");
        assertThat(a.themes()).containsOnlyKeys("billing", "support_responsiveness");
        assertThat(a.themes().get("support_responsiveness")).isPositive();
        assertThat(a.themes().get("billing")).isNegative();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "We were charged twice on the last invoice | en | billing",
            "Las facturas llegan con errores | es | billing",
            "Errores de facturación todos los meses | es | billing",
            "The mobile apps keep crashing | en | mobile_app",
            "La aplicación móvil se cae | es | mobile_app",
            "Tuvimos caídas del servicio | es | reliability",
            "Two outages this week | en | reliability",
            "El portal de autoservicio es lento | es | portal_ux",
            "Los márgenes para partners son bajos | es | pricing",
            "Necesitamos capacitación | es | documentation_training"})
    void themesMatchInflectionsInBothLanguages(String text, String language, String theme) {
        CommentAnalysis a = analyzer.analyze(text);
        assertThat(a.language().code()).isEqualTo(language);
        assertThat(a.themes()).containsKey(theme);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "The portal is slow and the reports are hard to find. | en",
            "El portal es lento y cuesta encontrar los reportes. | es",
            "Buena relación precio calidad. | es",
            "Good value for money. | en",
            "Excelente | es",
            "La documentación está desactualizada e incompleta. | es",
            "O atendimento foi ótimo, muito obrigado. | other",
            "Le service est lent et la facture est incorrecte. | other",
            "Der Service ist sehr gut | other",
            "服务很好，谢谢你们的帮助和支持 | other"})
    void detectsTheLanguage(String text, String language) {
        assertThat(analyzer.analyze(text).language().code()).isEqualTo(language);
    }

    @Test
    void otherLanguagesAreNotScoredButStillThemed() {
        CommentAnalysis a = analyzer.analyze("O portal é muito lento.");
        assertThat(a.language()).isEqualTo(Language.OTHER);
        assertThat(a.sentiment()).isNull();
        assertThat(a.label()).isNull();
        assertThat(a.themes()).containsKey("portal_ux");
        assertThat(a.themes().get("portal_ux")).isNull();
    }

    @Test
    void labelsFollowTheNeutralBand() {
        assertThat(CommentAnalysis.label(0.05)).isEqualTo("positive");
        assertThat(CommentAnalysis.label(0.049)).isEqualTo("neutral");
        assertThat(CommentAnalysis.label(-0.05)).isEqualTo("negative");
        assertThat(analyzer.analyze("We use it for calls.").label()).isEqualTo("neutral");
    }

    @Test
    void searchStemsCoverBothLanguages() {
        assertThat(analyzer.searchStems("lento")).contains("lent");
        assertThat(analyzer.searchStems("invoices")).contains("invoic");
        assertThat(analyzer.isFunctionWord("the")).isTrue();
        assertThat(analyzer.isFunctionWord("portal")).isFalse();
    }

    @Test
    void termsKeepContentWordsOnly() {
        assertThat(analyzer.analyze("The eSIM activation failed twice").terms()).containsExactly("esim", "activ", "fail", "twice");
    }

    @Test
    void customTaxonomyReplacesTheDefault() {
        CommentAnalyzer custom = new CommentAnalyzer(new ThemeTaxonomy(List.of(new Theme("esim", "eSIM",
                Map.of(Language.EN, List.of("esim", "e-sim"), Language.ES, List.of("esim"))))));
        assertThat(custom.analyze("Activar la eSIM es una pesadilla").themes()).containsOnlyKeys("esim");
        assertThat(custom.analyze("The invoice was wrong").themes()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Write to juan.perez@empresa.cl please | Write to [email] please",
            "Call me on +56 9 8765 4321. | Call me on [phone].",
            "Llámenme al (2) 2345-6789 | Llámenme al [phone]",
            "Thanks to Maria Gonzalez for the help | Thanks to [name] for the help",
            "Me atendió Camila y no supo | Me atendió [name] y no supo",
            "La ejecutiva Javiera fue amable | La ejecutiva [name] fue amable",
            "Thanks to Support in Chile | Thanks to Support in Chile",
            "We had 2 outages in 2024 | We had 2 outages in 2024"})
    void masksPersonalData(String text, String masked) {
        assertThat(PiiMasker.mask(text)).isEqualTo(masked);
    }
}
