package dev.pulse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Survey comments in English and Spanish, by theme and tone, as customers and partners of a
 * telecom/B2B provider write them: short, sometimes two clauses joined by "but"/"pero", with
 * intensifiers and negations, the odd emoji, now and then a person's name, an e-mail address or a
 * phone number (which reports must mask), a few in other languages, and one issue that appears
 * late in the period and grows (eSIM activation), for emerging-theme detection to find.
 */
final class Comments {
    private record Theme(String name, double partnerWeight, List<String> positiveEn, List<String> negativeEn,
                         List<String> positiveEs, List<String> negativeEs) {
    }

    private static final List<Theme> THEMES = List.of(
            new Theme("reliability", 1,
                    List.of("The platform has been rock solid, no outages this quarter.", "Very reliable service, calls never drop.",
                            "Stable and dependable, exactly what we need.", "Not a single outage since we moved to you.",
                            "Uptime has been excellent all year."),
                    List.of("We had two outages this month and nobody warned us.", "The service keeps going down during business hours.",
                            "Too many dropped calls, not reliable enough.", "Another outage on Monday, really frustrating.",
                            "The connection is unstable every afternoon."),
                    List.of("La plataforma ha sido muy estable, sin caídas este trimestre.", "Servicio muy confiable, las llamadas nunca se cortan.",
                            "Excelente estabilidad, justo lo que necesitamos.", "No hemos tenido ninguna caída desde que nos cambiamos.",
                            "El servicio funciona perfecto todo el año."),
                    List.of("Tuvimos dos caídas este mes y nadie nos avisó.", "El servicio se cae en horario laboral, muy molesto.",
                            "Demasiadas llamadas cortadas, no es confiable.", "Otra caída el lunes, es muy frustrante.",
                            "La conexión es intermitente todas las tardes.")),
            new Theme("support", 1,
                    List.of("Support in Chile understands our business, great team.", "Quick answers from support, problem solved the same day.",
                            "The support agent was friendly and knew exactly what to do.", "Support responded within minutes, impressive.",
                            "Really helpful support team, they always follow up."),
                    List.of("Support took three days to answer a critical ticket.", "I had to call four times to get the issue fixed.",
                            "Nobody owns the ticket, we keep getting transferred.", "Waited on hold for forty minutes, unacceptable.",
                            "The agent was rude and did not solve anything."),
                    List.of("El soporte en Chile entiende nuestro negocio, gran equipo.", "Respuesta rápida de soporte, resolvieron el mismo día.",
                            "La ejecutiva fue muy amable y resolvió todo.", "Soporte respondió en minutos, impecable.",
                            "El equipo de soporte es muy atento, siempre hacen seguimiento."),
                    List.of("Soporte tardó tres días en responder un ticket crítico.", "Tuve que llamar cuatro veces para que lo solucionaran.",
                            "Nadie se hace cargo del ticket, nos derivan de un lado a otro.", "Estuve cuarenta minutos en espera, inaceptable.",
                            "El agente fue grosero y no resolvió nada.")),
            new Theme("billing", 0.8,
                    List.of("Billing is clear and always on time.", "Invoices are easy to understand now.",
                            "No billing errors at all this year, thank you."),
                    List.of("The invoice was wrong again, we were charged twice.", "Billing errors every month, very frustrating.",
                            "We are still waiting for a refund after two months."),
                    List.of("La facturación es clara y siempre a tiempo.", "Las facturas ahora son fáciles de entender.",
                            "Ningún error de facturación este año, gracias."),
                    List.of("La factura vino mal otra vez, nos cobraron doble.", "Errores de facturación todos los meses, muy frustrante.",
                            "Seguimos esperando un reembolso hace dos meses.")),
            new Theme("portal", 3,
                    List.of("The partner portal makes ordering easy.", "Love the new self-service portal.",
                            "The portal is fast and intuitive now."),
                    List.of("The partner portal is functional but feels dated and slow.", "The portal is slow and the reports are hard to find.",
                            "The portal logs me out constantly, so annoying."),
                    List.of("El portal de partners facilita mucho los pedidos.", "Me encanta el nuevo portal de autoservicio.",
                            "El portal ahora es rápido e intuitivo."),
                    List.of("El portal es funcional pero se siente anticuado y lento.", "El portal es lento y cuesta encontrar los reportes.",
                            "El portal me desconecta a cada rato, muy molesto.")),
            new Theme("mobile_app", 1,
                    List.of("The mobile app works well for our field staff.", "The new app is super easy to use."),
                    List.of("The mobile app crashes and lacks features we need.", "The app is useless on Android."),
                    List.of("La app móvil funciona bien para nuestro equipo en terreno.", "La nueva app es súper fácil de usar."),
                    List.of("La app móvil se cae y le faltan funciones.", "La aplicación no sirve en Android.")),
            new Theme("onboarding", 1.5,
                    List.of("Onboarding was smooth and well organised.", "Number porting went without a hitch."),
                    List.of("Onboarding took far too long, weeks to get numbers ported.", "The implementation was chaotic and poorly planned."),
                    List.of("La implementación fue ordenada y rápida.", "La portabilidad de los números salió perfecta."),
                    List.of("La implementación fue muy lenta, semanas para portar los números.", "La instalación fue un caos, muy mal planificada.")),
            new Theme("pricing", 2.5,
                    List.of("Fair pricing and the margins work for us as a partner.", "Good value for money."),
                    List.of("Too expensive compared to other providers.", "Margins for partners are too thin."),
                    List.of("Precios justos y los márgenes nos funcionan como partner.", "Buena relación precio calidad."),
                    List.of("Muy caro comparado con otros proveedores.", "Los márgenes para partners son muy bajos.")),
            new Theme("voice_quality", 1,
                    List.of("Call quality is crystal clear, even on Teams.", "Excellent voice quality on every call."),
                    List.of("Voice quality is poor, there is echo on many calls.", "Terrible audio on international calls."),
                    List.of("La calidad de voz es excelente, incluso en Teams.", "La calidad de las llamadas es impecable."),
                    List.of("La calidad de las llamadas es mala, hay eco en muchas llamadas.", "El audio es pésimo en llamadas internacionales.")),
            new Theme("training", 2.5,
                    List.of("The training sessions for our sales team were very useful.", "Great documentation and webinars."),
                    List.of("The documentation is outdated and incomplete.", "We need more training on the new products."),
                    List.of("Las capacitaciones para nuestro equipo comercial fueron muy útiles.", "Muy buena documentación y webinars."),
                    List.of("La documentación está desactualizada e incompleta.", "Necesitamos más capacitación sobre los nuevos productos.")));

    private static final List<String> ESIM_EN = List.of("The eSIM activation failed twice, we had to go to a store.",
            "eSIM activation is a nightmare, the QR code never works.", "Still no eSIM for our new phones after a week.");
    private static final List<String> ESIM_ES = List.of("La activación de la eSIM falló dos veces, tuvimos que ir a una sucursal.",
            "Activar la eSIM es una pesadilla, el código QR nunca funciona.", "Llevamos una semana sin eSIM para los teléfonos nuevos.");
    private static final List<String> OTHER_LANGUAGES = List.of("O atendimento foi ótimo, muito obrigado.",
            "Le service est lent et la facture est incorrecte.", "Servizio eccellente, grazie mille.", "O portal é muito lento.");
    private static final List<String> NAMES = List.of("Camila", "Javiera", "Matías", "Sofía", "Benjamín", "Daniel Rojas", "Maria", "John");
    private static final List<String> HAPPY = List.of(" 👍", " 😊", " 🙌", " :)");
    private static final List<String> UNHAPPY = List.of(" 😡", " 👎", " 🙄", " :(");

    private Comments() {
    }

    /**
     * A comment for a score on a 0-1 satisfaction scale, or null when the respondent wrote none.
     *
     * @param progress how far into the generated period (0-1); the eSIM issue appears after 0.7
     */
    static String comment(SplittableRandom random, double satisfaction, boolean spanish, boolean partner, double progress) {
        if (random.nextDouble() > 0.45) {
            return null;
        }
        if (random.nextDouble() < 0.012) {
            return OTHER_LANGUAGES.get(random.nextInt(OTHER_LANGUAGES.size()));
        }
        boolean positive = random.nextDouble() < satisfaction;
        if (!partner && progress > 0.7 && random.nextDouble() < (progress - 0.7) * 0.35) {
            List<String> esim = spanish ? ESIM_ES : ESIM_EN;
            return esim.get(random.nextInt(esim.size()));
        }
        Theme theme = pick(random, partner);
        String text = pick(random, theme, positive, spanish);
        if (random.nextDouble() < 0.2) {
            Theme other = pick(random, partner);
            while (other == theme) {
                other = pick(random, partner);
            }
            String second = pick(random, other, !positive, spanish);
            text = text.substring(0, text.length() - 1) + (spanish ? ", pero " : ", but ")
                    + Character.toLowerCase(second.charAt(0)) + second.substring(1);
        }
        double extra = random.nextDouble();
        if (extra < 0.03) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            text += positive ? (spanish ? " Gracias a " + name + " por la ayuda." : " Thanks to " + name + " for the help.")
                    : (spanish ? " Me atendió " + name + " y no supo qué hacer." : " I spoke with " + name + " and nothing happened.");
        } else if (extra < 0.04) {
            text += spanish ? " Escríbanme a contacto" + random.nextInt(100) + "@empresa.cl o al +56 9 " + (1000 + random.nextInt(9000))
                    + " " + (1000 + random.nextInt(9000)) + "."
                    : " Call me back on +56 2 " + (2000 + random.nextInt(7000)) + " " + (1000 + random.nextInt(9000)) + ".";
        } else if (extra < 0.12) {
            List<String> emoji = positive ? HAPPY : UNHAPPY;
            text += emoji.get(random.nextInt(emoji.size()));
        }
        return text;
    }

    private static Theme pick(SplittableRandom random, boolean partner) {
        double total = 0;
        for (Theme theme : THEMES) {
            total += partner ? theme.partnerWeight() : 1;
        }
        double r = random.nextDouble() * total;
        for (Theme theme : THEMES) {
            r -= partner ? theme.partnerWeight() : 1;
            if (r < 0) {
                return theme;
            }
        }
        return THEMES.get(THEMES.size() - 1);
    }

    private static String pick(SplittableRandom random, Theme theme, boolean positive, boolean spanish) {
        List<String> options = spanish ? (positive ? theme.positiveEs() : theme.negativeEs())
                : (positive ? theme.positiveEn() : theme.negativeEn());
        return options.get(random.nextInt(options.size()));
    }
}
