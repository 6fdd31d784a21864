package org.c4tap.it.interop;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls into classes of another class loader, whose types the test cannot name: public
 * constructors and methods are chosen by name and by the run-time types of the arguments, and an
 * exception thrown inside is rethrown as itself, not wrapped. Every call runs with the given
 * context class loader, as the server whose class path it is would run it (Activation and
 * JavaMail look up their handlers through the thread's context class loader).
 */
final class Reflect {

    private final ClassLoader context;

    Reflect(ClassLoader context) {
        this.context = context;
    }

    Object construct(Class<?> type, Object... arguments) throws Exception {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (accepts(constructor.getParameterTypes(), arguments)) {
                return inContext(() -> constructor.newInstance(arguments));
            }
        }
        throw new NoSuchMethodException("no public constructor of " + type.getName() + " takes " + describe(arguments));
    }

    Object call(Object target, String name, Object... arguments) throws Exception {
        return invoke(target.getClass(), target, name, arguments);
    }

    Object callStatic(Class<?> type, String name, Object... arguments) throws Exception {
        return invoke(type, null, name, arguments);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object constant(Class<?> enumType, String name) {
        return Enum.valueOf((Class) enumType, name);
    }

    private Object invoke(Class<?> type, Object target, String name, Object[] arguments) throws Exception {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers()) == (target == null)
                    && accepts(method.getParameterTypes(), arguments)) {
                return inContext(() -> method.invoke(target, arguments));
            }
        }
        throw new NoSuchMethodException("no public method " + type.getName() + "." + name + " takes " + describe(arguments));
    }

    private interface Reflective {
        Object run() throws ReflectiveOperationException;
    }

    private Object inContext(Reflective call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(context);
        try {
            return call.run();
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static boolean accepts(Class<?>[] parameters, Object[] arguments) {
        if (parameters.length != arguments.length) {
            return false;
        }
        for (int i = 0; i < parameters.length; i++) {
            if (arguments[i] != null && !box(parameters[i]).isInstance(arguments[i])) {
                return false;
            }
        }
        return true;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "boolean" -> Boolean.class;
            default -> throw new IllegalArgumentException("unexpected primitive parameter " + type);
        };
    }

    private static Exception unwrap(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception exception) {
            return exception;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return e;
    }

    private static String describe(Object[] arguments) {
        StringBuilder text = new StringBuilder("(");
        for (Object argument : arguments) {
            text.append(text.length() > 1 ? ", " : "").append(argument == null ? "null" : argument.getClass().getName());
        }
        return text.append(')').toString();
    }
}
