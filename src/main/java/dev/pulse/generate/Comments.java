package dev.pulse.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Survey comments in English and Spanish, by theme and tone, as customers of a telecom/B2B
 * provider write them (short, sometimes mixed, sometimes with a "but").
 */
final class Comments {
    private record Theme(String name, List<String> positiveEn, List<String> negativeEn, List<String> positiveEs,
                         List<String> negativeEs) {
    }

    private static final List<Theme> THEMES = List.of(
            new Theme("reliability",
                    List.of("The platform has been rock solid, no outages this quarter.", "Very reliable service, calls never drop.",
                            "Stable and dependable, exactly what we need."),
                    List.of("We had two outages this month and nobody warned us.", "The service keeps going down during business hours.",
                            "Too many dropped calls, not reliable enough."),
                    List.of("La plataforma ha sido muy estable, sin caídas este trimestre.", "Servicio muy confiable, las llamadas nunca se cortan.",
                            "Excelente estabilidad, justo lo que necesitamos."),
                    List.of("Tuvimos dos caídas este mes y nadie nos avisó.", "El servicio se cae en horario laboral, muy molesto.",
                            "Demasiadas llamadas cortadas, no es confiable.")),
            new Theme("support",
                    List.of("Support in Chile understands our business, great team.", "Quick answers from support, problem solved the same day.",
                            "The support agent was friendly and knew exactly what to do."),
                    List.of("Support took three days to answer a critical ticket.", "I had to call four times to get the issue fixed.",
                            "Nobody owns the ticket, we keep getting transferred."),
                    List.of("El soporte en Chile entiende nuestro negocio, gran equipo.", "Respuesta rápida de soporte, resolvieron el mismo día.",
                            "La ejecutiva fue muy amable y resolvió todo."),
                    List.of("Soporte tardó tres días en responder un ticket crítico.", "Tuve que llamar cuatro veces para que lo solucionaran.",
                            "Nadie se hace cargo del ticket, nos derivan de un lado a otro.")),
            new Theme("billing",
                    List.of("Billing is clear and always on time.", "Invoices are easy to understand now."),
                    List.of("The invoice was wrong again, we were charged twice.", "Billing errors every month, very frustrating."),
                    List.of("La facturación es clara y siempre a tiempo.", "Las facturas ahora son fáciles de entender."),
                    List.of("La factura vino mal otra vez, nos cobraron doble.", "Errores de facturación todos los meses, muy frustrante.")),
            new Theme("portal",
                    List.of("The partner portal makes ordering easy.", "Love the new self-service portal."),
                    List.of("The partner portal is functional but feels dated and slow.", "The portal is slow and the reports are hard to find."),
                    List.of("El portal de partners facilita mucho los pedidos.", "Me encanta el nuevo portal de autoservicio."),
                    List.of("El portal es funcional pero se siente anticuado y lento.", "El portal es lento y cuesta encontrar los reportes.")),
            new Theme("mobile_app",
                    List.of("The mobile app works well for our field staff."),
                    List.of("The mobile app crashes and lacks features we need."),
                    List.of("La app móvil funciona bien para nuestro equipo en terreno."),
                    List.of("La app móvil se cae y le faltan funciones.")),
            new Theme("onboarding",
                    List.of("Onboarding was smooth and well organised."),
                    List.of("Onboarding took far too long, weeks to get numbers ported."),
                    List.of("La implementación fue ordenada y rápida."),
                    List.of("La implementación fue muy lenta, semanas para portar los números.")),
            new Theme("pricing",
                    List.of("Fair pricing and the margins work for us as a partner.", "Good value for money."),
                    List.of("Too expensive compared to other providers.", "Margins for partners are too thin."),
                    List.of("Precios justos y los márgenes nos funcionan como partner.", "Buena relación precio calidad."),
                    List.of("Muy caro comparado con otros proveedores.", "Los márgenes para partners son muy bajos.")),
            new Theme("voice_quality",
                    List.of("Call quality is crystal clear, even on Teams."),
                    List.of("Voice quality is poor, there is echo on many calls."),
                    List.of("La calidad de voz es excelente, incluso en Teams."),
                    List.of("La calidad de las llamadas es mala, hay eco en muchas llamadas.")));

    private Comments() {
    }

    /** A comment for a score on a 0-1 satisfaction scale, or null when the respondent wrote none. */
    static String comment(SplittableRandom random, double satisfaction, boolean spanish) {
        if (random.nextDouble() > 0.45) {
            return null;
        }
        Theme theme = THEMES.get(random.nextInt(THEMES.size()));
        boolean positive = random.nextDouble() < satisfaction;
        List<String> options = spanish ? (positive ? theme.positiveEs() : theme.negativeEs())
                : (positive ? theme.positiveEn() : theme.negativeEn());
        String text = options.get(random.nextInt(options.size()));
        if (random.nextDouble() < 0.2) {
            Theme other = THEMES.get(random.nextInt(THEMES.size()));
            List<String> contrast = spanish ? (positive ? other.negativeEs() : other.positiveEs())
                    : (positive ? other.negativeEn() : other.positiveEn());
            String second = contrast.get(random.nextInt(contrast.size()));
            text = text.substring(0, text.length() - 1) + (spanish ? ", pero " : ", but ")
                    + Character.toLowerCase(second.charAt(0)) + second.substring(1);
        }
        return text;
    }
}
