package dev.pulse.program;

/**
 * What respondents read, in English and Spanish (the contact's language): the e-mail and the
 * answer page. The question is the one of the spec: 0-10, "How likely are you to recommend ...?".
 *
 * @param company who is recommended; null: "us"
 */
public record Wording(String language, String company) {
    public Wording {
        language = "es".equals(language) ? "es" : "en";
    }

    private boolean spanish() {
        return language.equals("es");
    }

    public String question() {
        if (spanish()) {
            return company == null ? "¿Qué tan probable es que nos recomiende a un amigo o colega?"
                    : "¿Qué tan probable es que recomiende " + company + " a un amigo o colega?";
        }
        return company == null ? "How likely are you to recommend us to a friend or colleague?"
                : "How likely are you to recommend " + company + " to a friend or colleague?";
    }

    public String subject() {
        return spanish() ? "Una pregunta sobre su experiencia" : "One question about your experience";
    }

    public String greeting(String name) {
        if (name == null || name.isBlank()) {
            return spanish() ? "Hola:" : "Hello,";
        }
        return spanish() ? "Hola, " + name.strip() + ":" : "Hello " + name.strip() + ",";
    }

    public String aboutTicket(String ticketId) {
        return spanish() ? "Hace poco cerramos su solicitud " + ticketId + "." : "We recently resolved your request " + ticketId + ".";
    }

    public String invitation() {
        return spanish() ? "Nos ayudaría mucho que respondiera una pregunta (menos de un minuto):"
                : "Would you answer one question for us? It takes less than a minute:";
    }

    public String answerLink() {
        return spanish() ? "Responder" : "Answer";
    }

    public String validUntil(String date) {
        return spanish() ? "El enlace es válido hasta el " + date + " y sirve una sola vez." : "The link works once, until " + date + ".";
    }

    public String optOut() {
        return spanish() ? "Si no desea recibir más encuestas:" : "To receive no more surveys:";
    }

    public String scaleLow() {
        return spanish() ? "Nada probable" : "Not at all likely";
    }

    public String scaleHigh() {
        return spanish() ? "Extremadamente probable" : "Extremely likely";
    }

    public String commentLabel() {
        return spanish() ? "¿Cuál es la razón principal de su puntuación? (opcional)" : "What is the main reason for your score? (optional)";
    }

    public String submit() {
        return spanish() ? "Enviar respuesta" : "Send answer";
    }

    public String pageTitle() {
        return spanish() ? "Encuesta" : "Survey";
    }

    public String thanks() {
        return spanish() ? "¡Gracias! Recibimos su respuesta." : "Thank you! Your answer has been received.";
    }

    public String editable(String until) {
        return spanish() ? "Puede cambiarla hasta el " + until + " con el mismo enlace." : "You can change it with the same link until " + until + ".";
    }

    public String updated() {
        return spanish() ? "Actualizamos su respuesta. Gracias." : "Your answer has been updated. Thank you.";
    }

    public String used() {
        return spanish() ? "Esta encuesta ya fue respondida y ya no se puede cambiar. Gracias por su tiempo."
                : "This survey has already been answered and can no longer be changed. Thank you for your time.";
    }

    public String expired() {
        return spanish() ? "Este enlace de encuesta venció. Gracias de todos modos."
                : "This survey link has expired. Thank you all the same.";
    }

    public String unknown() {
        return spanish() ? "No encontramos esta encuesta. Revise que el enlace esté completo."
                : "We could not find this survey. Please check that the link is complete.";
    }

    public String chooseScore() {
        return spanish() ? "Elija una puntuación de 0 a 10." : "Please choose a score from 0 to 10.";
    }

    public String commentTooLong(int max) {
        return spanish() ? "El comentario puede tener hasta " + max + " caracteres." : "The comment may have up to " + max + " characters.";
    }

    public String optOutQuestion() {
        return spanish() ? "¿No desea recibir más encuestas en esta dirección?" : "Stop receiving surveys at this address?";
    }

    public String optOutButton() {
        return spanish() ? "No enviarme más encuestas" : "Send me no more surveys";
    }

    public String optedOut() {
        return spanish() ? "Listo: no le enviaremos más encuestas." : "Done: we will send you no more surveys.";
    }

    public String scoreLegend() {
        return spanish() ? "Puntuación de 0 (nada probable) a 10 (extremadamente probable)"
                : "Score from 0 (not at all likely) to 10 (extremely likely)";
    }
}
