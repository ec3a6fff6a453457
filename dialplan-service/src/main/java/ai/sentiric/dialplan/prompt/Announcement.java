package ai.sentiric.dialplan.prompt;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A recorded prompt in one language: the file media plays, and its text for TTS or display. */
@Entity
@Table(name = "announcements")
@IdClass(LocalizedKey.class)
public class Announcement extends Localized {

    private String audioPath;
    private String text;

    protected Announcement() {
        this("", "", "", "", "");
    }

    Announcement(String tenantId, String id, String languageCode, String audioPath, String text) {
        super(tenantId, id, languageCode);
        this.audioPath = audioPath;
        this.text = text;
    }

    void change(String audioPath, String text) {
        this.audioPath = audioPath;
        this.text = text;
    }

    public String getAudioPath() { return audioPath; }
    public String getText() { return text; }
}
