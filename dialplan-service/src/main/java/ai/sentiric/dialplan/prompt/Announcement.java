package ai.sentiric.dialplan.prompt;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A recorded prompt in one language: the file media plays, and its text for TTS or display. */
@Entity
@Table(name = "announcements")
@IdClass(LocalizedKey.class)
public class Announcement implements Localized {

    @Id
    private String tenantId;
    @Id
    private String id;
    @Id
    private String languageCode;
    private String audioPath;
    private String text;

    protected Announcement() {
        this("", "", "", "", "");
    }

    Announcement(String tenantId, String id, String languageCode, String audioPath, String text) {
        this.tenantId = tenantId;
        this.id = id;
        this.languageCode = languageCode;
        this.audioPath = audioPath;
        this.text = text;
    }

    void change(String audioPath, String text) {
        this.audioPath = audioPath;
        this.text = text;
    }

    @Override public String getTenantId() { return tenantId; }
    @Override public String getId() { return id; }
    @Override public String getLanguageCode() { return languageCode; }
    public String getAudioPath() { return audioPath; }
    public String getText() { return text; }
}
