package vn.danvan.feedback.consultation;

import java.text.Normalizer;

/** Vietnamese text arrives composed or decomposed depending on the keyboard: store and count it composed (NFC). */
final class Texts {

    private Texts() {}

    static String nfc(String text) {
        if (text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
            return text;
        }
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
