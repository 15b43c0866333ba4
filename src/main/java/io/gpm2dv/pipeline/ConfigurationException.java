package io.gpm2dv.pipeline;

/**
 * A setting that cannot work (a fallback owner that is not one enabled user, a parent business unit that does not
 * exist). Its message names the setting and the configured value, never export data, so the operator reads it as is.
 */
public class ConfigurationException extends IllegalStateException implements SafeText.Safe {
    public ConfigurationException(String message) {
        super(message);
    }
}
