package org.c4tap.core.stix;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A STIX cyber-observable (SCO) as one part of a report shows it. Its identifier follows from its
 * ID contributing properties alone, so the same observable is named alike in every bundle.
 */
sealed interface Observable permits NetworkValue, EmailAddress, EmailMessage, FileObject {

    /** The STIX type, such as {@code url}. */
    String type();

    /** The ID contributing properties that this object has, as its type's section names them. */
    ObjectNode idContributingProperties();

    /** Every property of the type that the part gives a value, in the order the spec lists them. */
    ObjectNode properties();

    default String id() {
        return StixIdentifier.ofObservable(type(), idContributingProperties(), properties());
    }
}
